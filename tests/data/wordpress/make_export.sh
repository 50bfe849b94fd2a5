#!/usr/bin/env bash
# Regenerates the WordPress import fixture in this directory:
#   export.xml   a WXR 1.2 file written by WordPress's own export_wp()
#   uploads/     the wp-content/uploads folder WordPress wrote (originals and
#                the resized copies it made), as an editor would copy it
#
# The site is built with WordPress's own PHP API in make_export.php (users,
# categories, tags, posts in every status, images via media_handle_sideload,
# comments); README.md lists what is in it.
#
# Needs: Debian 12 (bookworm), root or sudo, MariaDB/MySQL reachable as root
# with an empty password (default 127.0.0.1:3306; override with WXR_DB_HOST).
# Installs, if missing: Debian's `wordpress` package (6.1), php-cli, php-mysql
# (php-gd comes with wordpress). No internet needed beyond the Debian mirror;
# WordPress is kept from making any HTTP request, the images are drawn with GD.
#
# Idempotent: each run uses a fresh scratch database and temp wp-content, drops
# both at the end, and replaces export.xml and uploads/. Re-running gives the
# same export apart from the export date in its header (<pubDate>, generator
# comment): post ids, dates, GUIDs and image bytes are fixed.
#
# Usage: tests/data/wordpress/make_export.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
db_host="${WXR_DB_HOST:-127.0.0.1:3306}"
db_name="wxr_fixture_$$"
mysql_args=(-uroot -h "${db_host%:*}" -P "${db_host##*:}")

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# --- packages ---------------------------------------------------------------
if [ ! -f /usr/share/wordpress/wp-settings.php ] || ! command -v php >/dev/null \
  || ! php -r 'exit(function_exists("mysqli_connect") && function_exists("imagecreatetruecolor") ? 0 : 1);'; then
  pkgs=(wordpress php-cli php-mysql php-gd)
  if ! sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${pkgs[@]}"; then
    sudo_if_needed apt-get update
    sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${pkgs[@]}"
  fi
fi
command -v mysql >/dev/null || { echo "make_export.sh: needs the mysql/mariadb client" >&2; exit 1; }

# --- scratch database and wp-content ----------------------------------------
work="$(mktemp -d /tmp/wxr-fixture.XXXXXX)"
cleanup() {
  mysql "${mysql_args[@]}" -e "DROP DATABASE IF EXISTS \`$db_name\`" || true
  rm -rf "$work"
}
trap cleanup EXIT
mysql "${mysql_args[@]}" -e "CREATE DATABASE \`$db_name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
mkdir -p "$work/wp-content/uploads"

# --- build the site and export it -------------------------------------------
start=$(date +%s)
WXR_DB_NAME="$db_name" WXR_DB_HOST="$db_host" WXR_CONTENT_DIR="$work/wp-content" \
  WXR_OUT="$work/export.xml" TZ=UTC \
  php -d display_errors=stderr -d memory_limit=256M "$here/make_export.php"

# --- sanity checks, then replace the committed copies -----------------------
grep -q '<wp:wxr_version>1.2</wp:wxr_version>' "$work/export.xml" \
  || { echo "make_export.sh: export is not WXR 1.2" >&2; exit 1; }
python3 -c 'import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])' "$work/export.xml" \
  || { echo "make_export.sh: export is not well-formed XML" >&2; exit 1; }

cp "$work/export.xml" "$here/export.xml"
rm -rf "$here/uploads"
cp -r "$work/wp-content/uploads" "$here/uploads"

echo "wrote $here/export.xml ($(du -h "$here/export.xml" | cut -f1)) and $here/uploads ($(find "$here/uploads" -type f | wc -l) files, $(du -sh "$here/uploads" | cut -f1)) in $(( $(date +%s) - start ))s"
