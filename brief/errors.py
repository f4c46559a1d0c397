"""The one base of every error a user can fix. `brief` says such an error in one line and exits
with 1; any other exception is a bug, and shows its traceback."""


class BriefError(Exception):
    """A problem the user can fix (bad input, a file that cannot be read or written), said in
    one line that names what is wrong and where."""
