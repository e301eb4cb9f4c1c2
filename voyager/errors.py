"""The base of every error whose message tells a user what went wrong and what to do."""


class VoyagerError(Exception):
    """Shown to the user as it is (no traceback) by the ``voyager`` command."""
