"""Paperwork (文书与台账): the 请示 and 备案表 of the 2022 guide, registers, bundles.

- ``document``: the Document value (title, body, 落款, the blanks it had to leave) and its text.
- ``word``: the Document's Word (.docx) rendering, as it should print.
- ``founding``: 模板1 成立党组织的请示, 模板2 人员备案表.
- ``election_facts``: what the election letters share (attendance, votes, who holds which post, dates).
- ``election_letters``: 模板4/5 换届请示与备案表, 模板6 换届结果, 模板7/8 补选, 模板9 补选结果.
- ``direct_letters``: 模板4/6 for a branch without a committee.
- ``ballot_paper``: 选票 (candidates in 姓氏笔画 order) and 计票单.
- ``workbook``: typed register rows and their .xlsx, printed one page wide.
- ``registers``: 模板3 党员名册, 表1–3 台账, the statistics form and the 缺项清单.
- ``plan_workbook``: the plan as tables and as an Excel ledger.
- ``election_match``: which organization an election record belongs to.
- ``file_names``, ``output_folder``: unique file names; a folder written as one generation.
- ``bundle``: every document of a plan, as a zip or a folder.
"""
