"""The roster (学会名册): societies, their party members and region adjacency, read from files.

- ``values``: the frozen values (Society, Member, Roster).
- ``columns``: the template's sheets, headers and notes (docs/formats.md §1).
- ``workbook_io``: reading .xlsx/.csv files into raw cells (IO only).
- ``cells``: one cell as people really type it (spaces, full-width digits, dates).
- ``raw_tables``: raw cells as JSON and as editable tables.
- ``loading``: raw cells -> Roster with every finding named by sheet, row and column.
- ``template``: writing the canonical template and the blank one.
"""
