"""What the sponsor receives, read-only: one read of the workshop's record (record.py), then the
report, deck, workbook, map and workshop file made from it (report/, deck/, workbook/, map/, exchange/)."""
