"""Log records made readable as one JSON line each (settings.LOGGING)."""

import logging


class RequestFields(logging.Filter):
    """Put a request's path, method and user id on the record as plain
    fields, in place of the request object no formatter can print (Django
    adds `status_code` itself)."""

    def filter(self, record):
        request = record.__dict__.pop("request", None)
        if request is not None and hasattr(request, "path"):
            record.path = request.path
            record.method = request.method
            user = getattr(request, "user", None)  # set only once the auth middleware ran
            record.user_id = getattr(user, "pk", None) if user is not None else None
        record.__dict__.pop("server_time", None)
        return True
