"""Planning joint branches (联合党支部规划): compatibility, the exact optimizer, hand edits.

- ``plan``: the Plan and Organization values and their JSON (docs/formats.md §3).
- ``plan_file``: reading a plan file with every structural fault named.
- ``compat``: which candidates may share a branch (the compatibility graph).
- ``wishes``: locked branches, pinned and forbidden pairs, checked.
- ``pools``, ``assign``, ``cpsat_model``: pools of compatible candidates, the constructive try and
  the exact CP-SAT model.
- ``planner``: ``plan_joint_branches`` — coverage proven maximal, then (with ``previous=``) fewest
  societies moved, then cohesion, then fewer branches (docs/rules.md §5).
- ``replan``: which branch keeps its identity (core) through a re-plan or edit, and who moves.
- ``naming``: distinct names for unnamed joint branches.
- ``staleness``: whether a plan is still the plan of this roster under these settings.
- ``baseline``: the greedy first-fit the optimizer is measured against.
- ``today``: today's organizations as a plan and as locks.
- ``edits``: move, split, merge, dissolve, create, lock — each returns a new plan and its findings.
- ``check``: a plan against the roster and the rules.
- ``explain``: why a society is left uncovered and the smallest change that covers it.
- ``scenarios``: two plans compared.
"""
