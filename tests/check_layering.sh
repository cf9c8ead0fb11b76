#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# The engine (model/) must not include any Qt header; views/ must not run SQL.
root=${1:-.}
bad=$(grep -rnE '#\s*include\s*[<"]Q' "$root/model" || true)
if [ -n "$bad" ]; then
    echo "model/ includes Qt headers:"; echo "$bad"; exit 1
fi
bad=$(grep -rnE 'sqlite3?\.h|sqlite3_' "$root/views" || true)
if [ -n "$bad" ]; then
    echo "views/ talks to SQLite directly:"; echo "$bad"; exit 1
fi
echo "layering ok"
