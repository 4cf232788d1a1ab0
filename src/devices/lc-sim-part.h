#pragma once

#include <glib.h>

#include "lc-frame.h"

G_BEGIN_DECLS

typedef enum
{
  LC_SIM_DEFECT_NONE,
  LC_SIM_DEFECT_SCRATCH,
  LC_SIM_DEFECT_DENT,
  LC_SIM_DEFECT_SPOT,
} LcSimDefectClass;

/* A defect drawn on a simulated part: its class, and the box around it in pixels of the
 * rendered picture (already moved with the part). */
typedef struct
{
  LcSimDefectClass defect_class;
  int              x;
  int              y;
  int              width;
  int              height;
} LcSimDefect;

const char *lc_sim_defect_class_to_string (LcSimDefectClass defect_class);

/* One part type drawn once at one picture size, from which pictures of parts lying on the
 * bench are made quickly. Not thread-safe: one per thread. */
typedef struct _LcSimPart LcSimPart;

LcSimPart     *lc_sim_part_new            (const char       *part_code,
                                           int               width,
                                           int               height);
void           lc_sim_part_free           (LcSimPart        *part);
const char    *lc_sim_part_get_code       (LcSimPart        *part);
int            lc_sim_part_get_width      (LcSimPart        *part);
int            lc_sim_part_get_height     (LcSimPart        *part);
/* Gray for steel parts, RGB for the coloured plastic cap. */
LcFrameFormat  lc_sim_part_get_natural_format (LcSimPart    *part);

/* Lays one part on the bench: position and angle from @seed (0: centred, square, the
 * reference pose), the defect asked for in @defect->defect_class drawn at a place on the
 * part's surface chosen from @seed, its box written back to @defect. Kept until the next
 * call; lc_sim_part_expose () makes pictures of it. */
void           lc_sim_part_place          (LcSimPart        *part,
                                           guint32           seed,
                                           LcSimDefect      *defect);
/* A picture of the placed part with sensor noise of the given strength (grey levels, 0
 * for none) drawn from @noise_seed. Cheap: a copy and an addition per pixel. */
LcFrame       *lc_sim_part_expose         (LcSimPart        *part,
                                           LcFrameFormat     format,
                                           double            noise,
                                           guint32           noise_seed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LcSimPart, lc_sim_part_free)

G_END_DECLS
