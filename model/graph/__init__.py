"""The organization graph (组织架构图): the hierarchy of a plan and its exports.

- ``hierarchy``: the hierarchy as a networkx DiGraph; filters, collapse, aggregation.
- ``html_view``: standalone interactive HTML (vis-network inlined, offline).
- ``image``: a PNG for slides (matplotlib, CJK font).
- ``listing``: the hierarchy as rows and as an Excel workbook.
"""
