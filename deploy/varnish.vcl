# Varnish in front of gunicorn: keeps the public pages the app marks public,
# for as long as its s-maxage says, and drops them the moment the app purges
# their keys (vmod xkey, from Debian's varnish-modules).
#
# The app names what each response shows in Surrogate-Key ("article-12
# region-3 latest ..."); after a change commits it sends
#   PURGE / with "xkey-purge: article-12 latest"
# from PURGE_URLS (articles.caching). Only the app's own address may purge.
vcl 4.1;

import xkey;

backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 20s;
    # /healthz answers 503 when the database or Redis is away: Varnish then
    # serves its kept pages past their time (grace, stale-if-error) instead
    # of sending readers to an app that cannot answer.
    .probe = {
        .url = "/healthz";
        .timeout = 1s;
        .interval = 5s;
        .window = 5;
        .threshold = 3;
        .initial = 3;
    }
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the keys in xkey-purge"));
        }
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.x-purged));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url == "/healthz") {
        return (pass);
    }
    # The admin, previews and the editor's uploads are per person: never kept.
    if (req.url ~ "^/(en/)?(admin|pratinjau)/" || req.url ~ "^/editor/") {
        return (pass);
    }
    # Public pages read no cookie and set none, so an editor who is logged in
    # gets the same kept page as every reader.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    if (bereq.url ~ "^/static/") {
        return (deliver);  # WhiteNoise's headers decide (hashed names, kept for a year)
    }
    set beresp.http.xkey = beresp.http.Surrogate-Key;
    # Only what names its keys is kept: a 404 for a draft must not outlive
    # the story's publication, which purges by key.
    if (!beresp.http.Surrogate-Key || beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(private|no-cache|no-store)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    # The TTL comes from the app's s-maxage (never past a scheduled go-live);
    # stale-while-revalidate and stale-if-error set the grace.
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.xkey;
}
