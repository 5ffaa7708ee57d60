"""Round trips between offices: exchange workbook metadata, matching, three-way diff, apply and undo."""
