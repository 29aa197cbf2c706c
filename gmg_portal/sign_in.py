"""The name a sign-in attempt is recorded under by the throttling (django-axes, AXES_USERNAME_CALLABLE)."""

from axes.models import AccessAttempt

RECORDED_NAME_LENGTH = AccessAttempt._meta.get_field("username").max_length


def attempted_username(request, credentials=None):
    """The name as typed, cut to the width of the column it is recorded in. Django's sign-in form does not check
    the name's length, so a name of any length reaches authenticate() and fails there, as it must to count
    towards the lock-out; recorded whole, a name over 255 characters broke the insert on PostgreSQL (a 500).
    No account's name is that long (150 characters at most), so the cut joins no real account's attempts."""
    source = credentials if credentials else getattr(request, "data", request.POST)
    username = source.get("username")
    return username[:RECORDED_NAME_LENGTH] if isinstance(username, str) else username
