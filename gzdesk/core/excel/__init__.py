"""Reading any workbook a clerk receives, and writing the workbooks gzdesk sends."""
