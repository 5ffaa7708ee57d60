"""Why a workbook was refused: the ``excel.*`` message codes, and the limits they quote.

Every refusal raised by the readers is :class:`gzdesk.core.errors.InputRefused` with one of these codes and at
least the parameter ``file`` (the file's name); codes about one sheet also carry ``sheet``. Registered at import.
"""

from __future__ import annotations

from pathlib import Path

from gzdesk.core import messages
from gzdesk.core.errors import InputRefused

# Limits (named so tests and messages quote the same numbers).
MAX_ZIP_ENTRIES = 10_000  # parts in one .xlsx/.ods zip
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024  # all parts together, as declared
MAX_PART_BYTES = 256 * 1024 * 1024  # one part (a sheet's XML), as declared
MAX_COMPRESSION_RATIO = 200  # unpacked/packed, checked for parts over RATIO_CHECK_BYTES
RATIO_CHECK_BYTES = 1024 * 1024
MAX_SHEET_ROWS = 1_048_576
MAX_SHEET_COLUMNS = 16_384
MAX_SHEET_CELLS = 10_000_000  # rows × columns of the area from A1 to the last used cell
MAX_TEXT_FILE_BYTES = 256 * 1024 * 1024  # a .csv file
MAX_CFB_BYTES = 512 * 1024 * 1024  # a legacy .xls file

messages.register({
    "excel.empty_file": ("文件“{file}”是空的（0 字节），请确认保存成功后再导入",
                         "{file} is empty (0 bytes); check that it was saved, then import it again"),
    "excel.not_workbook": ("文件“{file}”不是有效的 Excel/WPS 工作簿，或者已经损坏",
                           "{file} is not a valid Excel/WPS workbook, or it is damaged"),
    "excel.damaged": ("文件“{file}”已损坏，无法读取；请在 Excel/WPS 中打开并另存为 .xlsx 后再导入",
                      "{file} is damaged and cannot be read; open it in Excel/WPS, save it as .xlsx and import again"),
    "excel.damaged_sheet": ("文件“{file}”中的工作表“{sheet}”已损坏，整个文件都没有导入；"
                            "请在 Excel/WPS 中打开并另存后再导入",
                            "Sheet {sheet} in {file} is damaged; nothing from the file was imported. "
                            "Open it in Excel/WPS, save it again and import it"),
    "excel.encrypted": ("工作簿“{file}”设置了打开密码；请在 Excel/WPS 中取消密码后再导入",
                        "The workbook {file} is password-protected; remove the password in Excel/WPS and import again"),
    "excel.word_document": ("文件“{file}”是 Word 文档，不是 Excel/WPS 工作簿",
                            "{file} is a Word document, not an Excel/WPS workbook"),
    "excel.web_page": ("文件“{file}”是以 Excel 文件名保存的网页，不是真正的工作簿；"
                       "请在 Excel/WPS 中打开并另存为 .xlsx 后再导入",
                       "{file} is a web page saved with an Excel name, not a real workbook; "
                       "open it in Excel/WPS and save it as .xlsx"),
    "excel.text_not_workbook": ("文件“{file}”实际上是文本（CSV）文件，不是 Excel/WPS 工作簿；"
                                "请把扩展名改为 .csv，或在 Excel/WPS 中另存为 .xlsx 后再导入",
                                "{file} is really a text (CSV) file, not an Excel/WPS workbook; rename it to .csv "
                                "or save it as .xlsx in Excel/WPS"),
    "excel.unsupported_format": ("文件“{file}”是 {format} 格式，本程序不能读取；请在 Excel/WPS 中另存为 .xlsx 后再导入",
                                 "{file} is in {format} format, which cannot be read; save it as .xlsx in Excel/WPS"),
    "excel.forbidden_xml": ("文件“{file}”包含不允许的 XML 内容（DTD/实体声明），出于安全原因拒绝导入",
                            "{file} contains forbidden XML (a DTD or entity declaration) and was refused for safety"),
    "excel.too_large_unpacked": ("文件“{file}”解压后过大（{size_mb} MB，最多允许 {max_mb} MB），拒绝导入",
                                 "{file} is too large when unpacked ({size_mb} MB; at most {max_mb} MB allowed)"),
    "excel.suspicious_compression": ("文件“{file}”的压缩比异常（解压后约为压缩时的 {ratio} 倍，正常工作簿不超过 {max_ratio} 倍），"
                                     "疑似“压缩炸弹”，拒绝导入",
                                     "{file} unpacks to {ratio} times its packed size (workbooks stay under "
                                     "{max_ratio}); it looks like a zip bomb and was refused"),
    "excel.too_many_parts": ("文件“{file}”包含的部件过多（{count} 个，最多允许 {max_count} 个），拒绝导入",
                             "{file} has too many parts ({count}; at most {max_count} allowed)"),
    "excel.too_large_file": ("文件“{file}”过大（{size_mb} MB，最多允许 {max_mb} MB），拒绝导入",
                             "{file} is too large ({size_mb} MB; at most {max_mb} MB allowed)"),
    "excel.sheet_too_large": ("文件“{file}”中的工作表“{sheet}”太大：已用区域 {rows} 行 × {columns} 列，超出允许范围"
                              "（最多 {max_rows} 行 × {max_columns} 列，且不超过 {max_cells} 个单元格）",
                              "Sheet {sheet} in {file} is larger than allowed: its used area is {rows} rows × "
                              "{columns} columns (max {max_rows} rows × {max_columns} columns and {max_cells} cells)"),
    "excel.out_of_memory": ("文件“{file}”（{size_mb} MB）太大，内存不足，无法读取；请删去不需要的工作表或行后再导入",
                            "{file} ({size_mb} MB) is too large to read with the memory available; remove sheets or "
                            "rows that are not needed and import again"),
    "excel.macros_ignored": ("工作簿中的宏已被忽略：不会运行，也不会被导出",
                             "Macros in the workbook were ignored: never run and never exported"),
    "excel.unreadable_file": ("无法打开文件“{file}”：{detail}", "Cannot open {file}: {detail}"),
})


def refuse(code: str, path: Path | str, **params: object) -> InputRefused:
    """The refusal for ``code`` about the file at ``path`` (its name becomes the ``file`` parameter)."""
    return InputRefused(code, file=Path(path).name, **params)
