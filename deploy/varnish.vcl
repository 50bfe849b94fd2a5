# Varnish in front of gunicorn: keeps the public pages the app marks public,
# for as long as its s-maxage says, and drops them the moment the app purges
# their keys (vmod xkey, from Debian's varnish-modules).
#
# Two listeners (varnishd -a, deploy/varnish.override.conf), both on
# loopback:
#   127.0.0.1:6081        readers, through nginx only;
#   purge=127.0.0.1:6083  the app's purges, and nothing else.
# After a change commits, the app sends
#   PURGE / with "xkey-purge: article-12 latest"
# to the purge listener (PURGE_URLS=http://127.0.0.1:6083/). A PURGE that
# arrives where readers arrive is refused, whoever sent it.
vcl 4.1;

import std;
import var;
import xkey;

backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    # A 16 MB upload or a slow page still gets the app's own answer
    # (nginx waits 35 s for Varnish).
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
    # /healthz answers 503 when the database is away: Varnish then serves
    # its kept pages for the app's stale-if-error (a day) instead of sending
    # readers to an app that cannot answer. Sick after 3 failed probes of
    # the last 5, 2 s apart.
    .probe = {
        .url = "/healthz";
        .timeout = 1s;
        .interval = 2s;
        .window = 5;
        .threshold = 3;
        .initial = 3;
    }
}

# Who may purge on the purge listener: the app servers (add their addresses
# when gunicorn runs on other machines, and listen on the private network).
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (local.socket == "purge") {
        if (req.method != "PURGE") {
            return (synth(405, "Only PURGE here"));
        }
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the keys in xkey-purge"));
        }
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        # Remembered for vcl_backend_response: a page whose rendering began
        # before this purge may still be on its way here.
        var.global_set("purged-at", "" + std.real(time=now));
        return (synth(200, "Purged " + req.http.x-purged));
    }
    # Readers' listener: what a browser sends, nothing else (nginx already
    # refuses the rest with 405).
    if (req.method !~ "^(GET|HEAD|POST)$") {
        return (synth(405, "Method not allowed"));
    }

    # One site, one host: the Host header in lower case without a port must
    # be the site's, so no other value reaches a kept page's links or the
    # cache key (nginx passes only this host; this is for anything else
    # that reaches the listener).
    set req.http.host = regsub(std.tolower(req.http.host), ":[0-9]+$", "");
    if (req.http.host != "kabarjatim.id") {
        return (synth(400, "Unknown host"));
    }
    # The site is HTTPS only and nginx ends TLS, so the scheme is a fact of
    # the site, stated here: a client's X-Forwarded-Proto (or gunicorn's
    # other scheme headers) never changes the links in a kept page.
    set req.http.X-Forwarded-Proto = "https";
    unset req.http.X-Forwarded-Protocol;
    unset req.http.X-Forwarded-Ssl;
    unset req.http.X-Forwarded-Host;
    unset req.http.X-Forwarded-Port;
    unset req.http.Forwarded;

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

    # One kept page per page: tracking parameters (the same list as
    # articles.page_cache.TRACKING_PARAMETERS) are dropped before lookup, and
    # the rest sorted, so ?utm_source=<anything> is the page itself.
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url, "(?<=[?&])(utm_[^=&]*|fbclid|gclid|dclid|msclkid|igshid|igsh|si|mc_cid|mc_eid|_ga|_gl|ref_src|wa_status)(=[^&]*)?(&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
        set req.url = std.querysort(req.url);
    }

    # Grace: while the app is healthy, a page past its s-maxage is served at
    # most 10 s more while it is fetched again; while the app is sick, or
    # when fetching it again just failed (vcl_deliver), for the whole
    # stale-if-error the app gave it.
    if (req.restarts > 0 && req.http.x-stale-if-error) {
        set req.grace = 24h;
    } elsif (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    # Public pages read no cookie and set none, so an editor who is logged in
    # gets the same kept page as every reader.
    unset req.http.Cookie;
    set req.http.x-kept = "1";
    return (hash);
}

sub vcl_backend_fetch {
    unset bereq.http.x-kept;
    unset bereq.http.x-stale-if-error;
}

sub vcl_backend_response {
    # A refresh in the background that the app cannot answer leaves the
    # kept page as it was.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
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
    # A page whose rendering began less than a second (the app servers'
    # clock skew) before the last purge may show what that purge removed:
    # it goes to this reader, and is not kept. The app marks such pages
    # no-store when it sees the purge first; this covers the milliseconds
    # between its look and the page's arrival here.
    if (std.real(var.global_get("purged-at"), 0) >
        std.real(beresp.http.X-Rendered-At, 0) - 1.0) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    # The TTL comes from the app's s-maxage (never past a scheduled go-live);
    # the grace from its stale-if-error, cut short in vcl_recv while the app
    # is healthy.
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "^.*stale-if-error=([0-9]+).*$", "\1s"), 10s);
    }
    return (deliver);
}

sub vcl_backend_error {
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_deliver {
    # The app (or the connection to it) failed on a page we keep: look once
    # more, now accepting a kept copy up to its stale-if-error.
    if (resp.status >= 500 && req.http.x-kept && req.restarts == 0) {
        set req.http.x-stale-if-error = "1";
        return (restart);
    }
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The keys are for Varnish only: long, and they describe the site.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.X-Rendered-At;
}

sub vcl_synth {
    if (resp.status == 405) {
        set resp.http.Allow = "GET, HEAD, POST";
    }
}
