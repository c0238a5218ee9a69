"""The rules (规定): thresholds, what each society must set up, and coverage today.

- ``policy``: the thresholds as one frozen Policy; names of kinds and bases.
- ``classify``: what a society must set up (党委/党总支/党支部/联合党支部候选/派驻指导员).
- ``rates``: the Coverage value and how a rate is stated.
- ``settings``: what each setting means, its default and source (for the settings page).
- ``coverage``: today's organizations against what the rules require (the dashboard).
- ``coverage_tables``: the dashboard as rows with Chinese headers.
"""
