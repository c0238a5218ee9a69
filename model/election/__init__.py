"""Elections (换届选举、补选): who votes, ballots, counting, the first plenary, simulation.

- ``ballot``: ballots and their validity; the regulation's numbers.
- ``electorate``: voters, excused members, committee size, how many candidates.
- ``spec``: the election input (docs/formats.md §4) read with every error's JSON path.
- ``counting``: counting one round (quorum, majority, ties, shortfall) and the next round.
- ``plenary``: the new committee's first plenary and the by-election.
- ``direct``: branches without a committee elect 书记/副书记 at the members' meeting.
- ``simulate``: how likely the election is to fail, before the meeting.
- ``record``: what the paperwork needs to know about one election.
- ``draft``: the election in progress on the page, as a frozen value with steps.
"""
