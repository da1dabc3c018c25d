"""Event kinds written by the kernel into the event log (codes and names)."""
NUCLEATED = 0
ANNIHILATED = 1
COLLAPSED = 2
EXPELLED_AT_EDGE = 3
EXITED = 4
ENTERED_AREA = 5
LEFT_AREA = 6
PINNED = 7
DEPINNED = 8

NAMES = ("nucleated", "annihilated", "collapsed", "expelled_at_edge", "exited", "entered_area",
         "left_area", "pinned", "depinned")
"""Name of each event code, as written to events.csv."""
