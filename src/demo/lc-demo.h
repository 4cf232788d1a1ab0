#pragma once

#include "lc-store.h"

G_BEGIN_DECLS

/* The demo's part types. */
#define LC_DEMO_BUSHING "BSH-2040"
#define LC_DEMO_BRACKET "BRK-1150"
#define LC_DEMO_CAP     "CAP-0032"

/* The lot of BRK-1150 whose parts all have a dent at one spot (a damaged die). */
#define LC_DEMO_DENTED_LOT "B-104"

char    *lc_demo_default_path (void);

/* Opens the demo database at @path, creating and filling it on first use. */
LcStore *lc_demo_open         (const char  *path,
                               GError     **error);

/* Fills an empty store with the demo's part types, operators and history up to @now
 * (microseconds since the epoch). Deterministic: the same @now gives the same records. */
gboolean lc_demo_seed         (LcStore     *store,
                               gint64       now,
                               GError     **error);

/* Gives every part type of a seeded demo trained, active vision models (an anomaly model and a
 * defect classifier) learned from the demo's pictures; lc_demo_open () does it on creation. */
gboolean lc_demo_add_models   (LcStore     *store,
                               GError     **error);

G_END_DECLS
