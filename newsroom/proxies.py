"""The client's address, believing X-Forwarded-For only from our own proxies."""

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR; or, when that is a trusted proxy (TRUSTED_PROXIES), the
    nearest address in X-Forwarded-For that is not one of our proxies.

    A client can write anything into X-Forwarded-For, but each proxy appends
    the address it was connected from, so reading from the right and
    skipping only our own proxies ends at the first address nobody can forge.
    """
    address = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXIES
    if address not in trusted:
        return address
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([hop for hop in hops if hop]):
        if hop not in trusted:
            return hop
    return address
