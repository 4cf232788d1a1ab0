#pragma once

#include "lc-store.h"

G_BEGIN_DECLS

/* The demo bench's devices: a simulated gauge with one channel per characteristic of every
 * part type, bound to it, and the simulated camera bound to every part type with a software
 * trigger (one part laid down per inspection). Does nothing when the simulated gauge is
 * already there, so an existing demo database gets it once. */
gboolean lc_demo_bench_equip (LcStore  *store,
                              GError  **error);

G_END_DECLS
