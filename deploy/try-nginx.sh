#!/bin/bash
# Runs deploy/ for real on this host, on 127.0.0.1 only, checks it with curl, then stops what it started:
# nginx (Debian's, with deploy/nginx.conf changed only where a deployer would: ports, host paths,
# certificate, log files) in front of two gunicorn app servers (deploy/gunicorn.conf.py) on the production
# settings (deploy/env.example filled in). Not part of `make test`. docs/deployment.md, section 6, says
# what it showed.
#
#   deploy/try-nginx.sh           as root; needs nginx (apt-get install -y nginx), openssl, curl, psql,
#                                 PostgreSQL and Redis on 127.0.0.1, and .venv and node_modules (make setup)
#
# It drops and creates the PostgreSQL database $DB (default gmg_nginx) and empties Redis database
# $REDIS_DB (default 13): give it ones nothing else uses. It leaves them, and its files and logs under
# /tmp/gmg-try-nginx.*, for a look afterwards; exit status: the number of failed checks.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DB=${DB:-gmg_nginx}
REDIS_DB=${REDIS_DB:-13}
HTTP_PORT=${HTTP_PORT:-8088}
HTTPS_PORT=${HTTPS_PORT:-8443}
APP_PORTS=${APP_PORTS:-"8091 8092"}
HOST=gmg.example.org
ADMIN=office-7f3a
WORK=$(mktemp -d /tmp/gmg-try-nginx.XXXXXX)
chmod 755 "$WORK"  # nginx's workers (www-data) read the documents under it
mkdir -p "$WORK/log" "$WORK/ssl" "$WORK/documents" "$WORK/cache"
chown www-data "$WORK/cache"  # the micro-cache's folder, written by nginx's workers
PIDS=()
failures=0

stop() {
    [ -f "$WORK/hosts.saved" ] && cat "$WORK/hosts.saved" > /etc/hosts  # wrk's line, should it have stopped early
    [ -f "$WORK/nginx.pid" ] && nginx -c "$WORK/nginx.conf" -s quit 2>/dev/null || true
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    echo "Stopped nginx and the app servers. Logs: $WORK/log"
}
trap stop EXIT

check() {  # check DESCRIPTION COMMAND...: runs the command, says ok or FAILED
    if "${@:2}"; then echo "ok      $1"; else echo "FAILED  $1"; failures=$((failures + 1)); fi
}
header() {  # header FILE NAME: the value of a response header, from curl -D
    grep -i "^$2:" "$1" | tail -1 | cut -d: -f2- | sed 's/^ //; s/\r$//'
}
status() { head -1 "$1" | tr -d '\r'; }

# The settings: deploy/env.example, filled in as a deployer would, for this host.
secret=$("$ROOT/.venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(50))')
sed -e "s|^DJANGO_SECRET_KEY=.*|DJANGO_SECRET_KEY=$secret|" \
    -e "s|^DATABASE_URL=.*|DATABASE_URL=postgres://postgres@127.0.0.1:5432/$DB|" \
    -e "s|^REDIS_URL=.*|REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB|" \
    -e "s|^#DJANGO_DOCUMENTS_ROOT=.*|DJANGO_DOCUMENTS_ROOT=$WORK/documents|" \
    -e "s|^WEB_CONCURRENCY=.*|WEB_CONCURRENCY=2|" \
    "$ROOT/deploy/env.example" > "$WORK/env"
manage() { (cd "$ROOT" && set -a && . "$WORK/env" && set +a && exec .venv/bin/python manage.py "$@"); }

psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
redis-cli -n "$REDIS_DB" flushdb >/dev/null
manage migrate --noinput | tail -1
manage loaddata agencies themes events publications
manage collectstatic --noinput | tail -1

# A PDF for a published document and one for a draft, saved as the admin saves them (checked, with a cover).
manage shell --no-imports -c "
import io
from django.core.files.base import ContentFile
from pypdf import PdfWriter
from publications.models import Document, DocumentFile
writer = PdfWriter()
writer.add_blank_page(595, 842)
writer.add_metadata({'/Title': 'Tried through nginx'})
out = io.BytesIO()
writer.write(out)
public = Document.objects.published().order_by('slug').first()
draft = Document.objects.get(pk=public.pk)
draft.pk, draft.slug, draft.status = None, 'draft-tried-through-nginx', 'draft'
draft.save()
for document in (public, draft):
    DocumentFile(document=document, language='en', file=ContentFile(out.getvalue(), name='upload.pdf')).save()
stored = DocumentFile.objects.get(document=public)
print(public.slug, public.pk, stored.file.name, stored.cover.name, file=open('$WORK/public', 'w'))
print(DocumentFile.objects.get(document=draft).file.name, file=open('$WORK/draft', 'w'))
"
read -r slug pk pdf_name cover_name < "$WORK/public"
read -r draft_pdf_name < "$WORK/draft"

openssl req -x509 -newkey rsa:2048 -sha256 -days 1 -nodes -keyout "$WORK/ssl/privkey.pem" \
    -out "$WORK/ssl/fullchain.pem" -subj "/CN=$HOST" -addext "subjectAltName=DNS:$HOST" 2>/dev/null

# deploy/nginx.conf with this host's ports and paths; Debian's nginx.conf around it, including it alone.
set -- $APP_PORTS
sed -e "s|listen 80 default_server;|listen 127.0.0.1:$HTTP_PORT default_server;|" \
    -e "s|listen 80;|listen 127.0.0.1:$HTTP_PORT;|" \
    -e "s|listen 443 |listen 127.0.0.1:$HTTPS_PORT |" \
    -e "/listen \[::\]/d" \
    -e "s|server 127.0.0.1:8001 |server 127.0.0.1:$1 |" \
    -e "s|server 127.0.0.1:8002 |server 127.0.0.1:$2 |" \
    -e "s|/etc/ssl/gmg-portal/|$WORK/ssl/|" \
    -e "s|/srv/gmg-portal/var/documents/|$WORK/documents/|" \
    -e "s|/srv/gmg-portal/|$ROOT/|" \
    -e "s|/var/log/nginx/gmg-portal\.|$WORK/log/gmg-portal.|" \
    -e "s|/var/cache/nginx/gmg-portal|$WORK/cache|" \
    "$ROOT/deploy/nginx.conf" > "$WORK/site.conf"
sed -e "s|^pid .*|pid $WORK/nginx.pid;|" \
    -e "s|^error_log .*|error_log $WORK/log/error.log;|" \
    -e "s|access_log /var/log/nginx/access.log;|access_log $WORK/log/access.log;|" \
    -e "s|include /etc/nginx/sites-enabled/\*;|include $WORK/site.conf;|" \
    /etc/nginx/nginx.conf > "$WORK/nginx.conf"
diff -u "$ROOT/deploy/nginx.conf" "$WORK/site.conf" > "$WORK/site.diff" || true
nginx -t -c "$WORK/nginx.conf" 2>&1 | sed 's/^/  /'

for port in $APP_PORTS; do
    (cd "$ROOT" && set -a && . "$WORK/env" && set +a &&
        exec .venv/bin/gunicorn -c deploy/gunicorn.conf.py --bind "127.0.0.1:$port" gmg_portal.wsgi) \
        2> "$WORK/log/gunicorn-$port.log" &
    PIDS+=($!)
done
nginx -c "$WORK/nginx.conf"
for port in $APP_PORTS; do
    for _ in $(seq 50); do
        curl -sf -o /dev/null -H "Host: $HOST" "http://127.0.0.1:$port/healthz" && break
        sleep 0.2
    done
done

BASE="https://$HOST:$HTTPS_PORT"
get() {  # get NAME URL [curl options]: headers in $WORK/NAME.h, body in $WORK/NAME.b
    local name=$1 url=$2
    shift 2
    curl -s --resolve "$HOST:$HTTPS_PORT:127.0.0.1" --cacert "$WORK/ssl/fullchain.pem" \
        -D "$WORK/$name.h" -o "$WORK/$name.b" "$@" "$url" || true
}
show() {  # the status line and the named headers of a response, as docs/deployment.md quotes them
    local file=$WORK/$1.h field
    shift
    echo "  $(status "$file")"
    for field in "$@"; do grep -i "^$field:" "$file" | tr -d '\r' | sed 's/^/  /' || true; done
}

echo "--- through nginx, $BASE"
security_headers=(strict-transport-security content-security-policy x-frame-options x-content-type-options
    referrer-policy cross-origin-opener-policy)
has_security_headers() {
    local field
    for field in "${security_headers[@]}"; do [ -n "$(header "$WORK/$1.h" "$field")" ] || return 1; done
}
for page in home:/en/ list:/en/publications/ document:/en/publications/$slug/ health:/healthz; do
    name=${page%%:*}
    get "$name" "$BASE${page#*:}"
    echo "GET ${page#*:}"; show "$name"
    check "${page#*:} answers 200" grep -q " 200" <(status "$WORK/$name.h")
done
for name in home document; do
    echo "GET $name:"; show "$name" "${security_headers[@]}" x-request-id
    check "$name page has the security headers" has_security_headers "$name"
done

pdf_url=/en/publications/$slug/en.pdf
for try in 1 2; do  # the second may be a page cache hit: still the file, not an empty or compressed body
    get pdf$try "$BASE$pdf_url" -H "Accept-Encoding: gzip"
    echo "GET $pdf_url ($try)"
    show pdf$try content-type content-disposition content-length content-encoding x-accel-redirect \
        x-content-type-options content-security-policy x-page-cache
    check "PDF ($try): 200" grep -q " 200" <(status "$WORK/pdf$try.h")
    check "PDF ($try): Content-Type application/pdf" test "$(header "$WORK/pdf$try.h" content-type)" = application/pdf
    check "PDF ($try): attachment named $slug-en.pdf" \
        test "$(header "$WORK/pdf$try.h" content-disposition)" = "attachment; filename=\"$slug-en.pdf\""
    check "PDF ($try): Content-Length is the file's size" \
        test "$(header "$WORK/pdf$try.h" content-length)" = "$(stat -c %s "$WORK/documents/$pdf_name")"
    check "PDF ($try): not encoded" test -z "$(header "$WORK/pdf$try.h" content-encoding)"
    check "PDF ($try): X-Accel-Redirect not shown" test -z "$(header "$WORK/pdf$try.h" x-accel-redirect)"
    check "PDF ($try): the stored bytes" cmp -s "$WORK/pdf$try.b" "$WORK/documents/$pdf_name"
done
get cover "$BASE/en/publications/$slug/en.png"
echo "GET /en/publications/$slug/en.png"; show cover content-type content-disposition content-length
check "cover: image/png, inline, the stored bytes" test "$(header "$WORK/cover.h" content-type)" = image/png -a \
    "$(header "$WORK/cover.h" content-disposition)" = "inline; filename=\"$slug-en.png\""
check "cover: the stored bytes" cmp -s "$WORK/cover.b" "$WORK/documents/$cover_name"

for url in /protected-documents/$pdf_name /protected-documents/$draft_pdf_name \
    /en/publications/draft-tried-through-nginx/en.pdf; do
    get denied "$BASE$url"
    echo "GET $url"; show denied content-type
    check "$url answers 404" grep -q " 404" <(status "$WORK/denied.h")
done

static_url=$(grep -o '/static/[^"]*\.css' "$WORK/home.b" | head -1)
get static "$BASE$static_url" -H "Accept-Encoding: gzip"
echo "GET $static_url"; show static content-type content-encoding cache-control
check "static file: 200, cached for good" grep -q immutable "$WORK/static.h"
get missing_static "$BASE/static/nothing-here.css"
check "missing static file: 404" grep -q " 404" <(status "$WORK/missing_static.h")

echo "--- a PDF uploaded in the admin through nginx, then downloaded"
password=$("$ROOT/.venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(20))')
manage shell --no-imports -c "
from django.contrib.auth.models import User
User.objects.create_superuser('tryout', 'tryout@example.org', '$password')"
upload() {  # upload MB: a French PDF of that size added to the public document
    "$ROOT/.venv/bin/python" "$ROOT/deploy/try_upload.py" "$HTTPS_PORT" "$HOST" "$ADMIN/" "$WORK/ssl/fullchain.pem" \
        tryout "$password" "$pk" "$1" "$WORK/upload-$1.pdf" | tee "$WORK/upload-$1.out"
}
echo "19.5 MB:"; upload 19.5
check "19.5 MB PDF: saved (302)" grep -q "form: 302" "$WORK/upload-19.5.out"
get fr "$BASE/en/publications/$slug/fr.pdf"
echo "GET /en/publications/$slug/fr.pdf"; show fr content-type content-disposition content-length
check "19.5 MB PDF: downloads through nginx, the uploaded bytes" cmp -s "$WORK/fr.b" "$WORK/upload-19.5.pdf"
echo "20.5 MB:"; upload 20.5
check "20.5 MB PDF: the portal's own message, not nginx's 413" grep -q "largest accepted is 20.0" "$WORK/upload-20.5.out"

echo "--- request bodies (client_max_body_size 21m), POST to /$ADMIN/"
for size in 19 21 22; do
    head -c "$((size * 1024 * 1024))" /dev/zero > "$WORK/body.bin"
    get post$size "$BASE/$ADMIN/" -F "file=@$WORK/body.bin;type=application/pdf"
    echo "$size MB (multipart):"; show post$size server
done
check "19 MB: not refused by nginx" test "$(status "$WORK/post19.h" | cut -d' ' -f2)" != 413
check "21 MB file (over 21m with the form): 413" grep -q " 413" <(status "$WORK/post21.h")
check "22 MB: 413" grep -q " 413" <(status "$WORK/post22.h")

echo "--- other hosts and plain HTTP"
redirect=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H "Host: $HOST" "http://127.0.0.1:$HTTP_PORT/members/")
echo "  http://$HOST:$HTTP_PORT/members/ -> $redirect"
check "plain HTTP redirects to HTTPS" test "$redirect" = "301 https://$HOST/members/"
other=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: other.example.org" "http://127.0.0.1:$HTTP_PORT/" || true)
check "another host name over HTTP: no answer (444)" test "$other" = 000
tls=$(curl -s -o /dev/null -w '%{http_code}' -k --resolve "other.example.org:$HTTPS_PORT:127.0.0.1" \
    "https://other.example.org:$HTTPS_PORT/" || true)
check "another host name over HTTPS: handshake refused" test "$tls" = 000

echo "--- the micro-cache: a public page kept by nginx for as long as its s-maxage says"
page=/en/members/
built() { cat "$WORK"/log/gunicorn-*.log | grep -c "\"GET $page 200\"" || true; }
before=$(built)
started=$(date +%s.%N)
hits=0
for n in $(seq 40); do
    get micro "$BASE$page" -H "Accept-Encoding: gzip"
    [ "$(header "$WORK/micro.h" x-cache-status)" = HIT ] && hits=$((hits + 1))
done
seconds=$(echo "$(date +%s.%N) - $started" | bc)
reached=$(($(built) - before))
echo "  40 requests for $page in $seconds s: $hits answered by nginx (X-Cache-Status: HIT), $reached reached an app server"
show micro cache-control vary etag x-cache-status
check "micro-cache: most of 40 requests answered by nginx" test "$hits" -ge 20
check "micro-cache: an app server asked at most once a second and once more" \
    test "$reached" -le "$(echo "$seconds / 1 + 2" | bc)"
get editor "$BASE$page" -H "Cookie: sessionid=not-a-session"
echo "GET $page with a session cookie"; show editor x-cache-status
check "micro-cache: a visitor with a session cookie reaches an app server" \
    test "$(header "$WORK/editor.h" x-cache-status)" = BYPASS
get health "$BASE/healthz"
check "micro-cache: /healthz is never kept" test -z "$(header "$WORK/health.h" x-cache-status)"

# An edit shows through nginx within s-maxage (1 s) and the time to build the page again, while other visitors
# keep asking for the page (so that nginx holds a copy when the edit is saved).
name="Tried through nginx $(date +%s)"
(end=$((SECONDS + 20)); while [ $SECONDS -lt $end ] && [ ! -f "$WORK/edit.done" ]; do get warm "$BASE$page"; done) &
warm=$!
manage shell --no-imports -c "
from agencies.models import Agency
agency = Agency.objects.published().current_members().order_by('slug').first()
agency.name_en = '$name'
agency.save()"
saved=$(date +%s.%N)
shown=""
while [ "$(echo "$(date +%s.%N) - $saved < 10" | bc)" = 1 ]; do
    get edited "$BASE$page"
    if grep -q "$name" "$WORK/edited.b"; then shown=$(echo "$(date +%s.%N) - $saved" | bc); break; fi
done
touch "$WORK/edit.done"
wait "$warm" || true
echo "  an edited member's name showed on $page through nginx ${shown:-not within 10} s after the save"
check "micro-cache: an edit shows within 2 s" test -n "$shown" -a "$(echo "${shown:-99} < 2" | bc)" = 1

if command -v wrk > /dev/null; then
    echo "--- wrk, 10 s, 32 connections, $page: through nginx, and straight to an app server's page cache"
    set -- $APP_PORTS
    # wrk names the host in its TLS handshake as the address does, and has no --resolve: for its run only,
    # /etc/hosts sends $HOST to 127.0.0.1 (the line is taken out again).
    cp /etc/hosts "$WORK/hosts.saved"
    echo "127.0.0.1 $HOST" >> /etc/hosts
    through=$(wrk -t2 -c32 -d10s -H "Accept-Encoding: gzip" "$BASE$page" 2>&1 | grep -E "Requests/sec|Non-2xx" || true)
    cat "$WORK/hosts.saved" > /etc/hosts
    direct=$(wrk -t2 -c32 -d10s -H "Accept-Encoding: gzip" -H "Host: $HOST" -H "X-Forwarded-Proto: https" \
        "http://127.0.0.1:$1$page" 2>&1 | grep -E "Requests/sec|Non-2xx" || true)
    echo "  through nginx, its micro-cache answering: $through"
    echo "  straight to one app server, from the portal's page cache: $direct"
fi

echo "--- nginx's access log (last lines)"
tail -n 4 "$WORK/log/gmg-portal.access.log" | sed 's/^/  /'
if [ "$failures" -eq 0 ]; then echo "All checks passed."; else echo "$failures check(s) FAILED."; fi
exit "$failures"
