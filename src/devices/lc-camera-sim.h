#pragma once

#include "lc-camera.h"
#include "lc-sim-part.h"

G_BEGIN_DECLS

#define LC_CAMERA_SIM_WIDTH  1280
#define LC_CAMERA_SIM_HEIGHT 1024

#define LC_TYPE_CAMERA_SIM (lc_camera_sim_get_type ())
G_DECLARE_FINAL_TYPE (LcCameraSim, lc_camera_sim, LC, CAMERA_SIM, LcCamera)

/* The demo's camera: 1280×1024 pictures of parts of @part_code lying on the bench, a new
 * part every 1.5 s in free run (one per trigger with a software trigger), now and then
 * with a scratch, dent or spot. Steel parts come gray, the plastic cap in colour, unless
 * the settings ask for "Mono8" or "RGB8". */
LcCameraSim *lc_camera_sim_new             (const char  *part_code);
/* Changeover: the next part laid down is of this type. Any thread. */
void         lc_camera_sim_set_part_code   (LcCameraSim *self,
                                            const char  *part_code);
char        *lc_camera_sim_dup_part_code   (LcCameraSim *self);
/* The share of parts that come with a defect, 0 to 1 (0.25 unless set). */
void         lc_camera_sim_set_defect_rate (LcCameraSim *self,
                                            double       rate);

/**
 * lc_camera_sim_render_part:
 * @part_code: "BSH-2040", "BRK-1150", "CAP-0032"; any other code gets a generic part
 * @width: picture width in pixels (the simulated camera uses 1280)
 * @height: picture height in pixels (1024)
 * @seed: 0 for the reference picture (part centred and square, no noise); any other value
 *   lays the part a little off and turned, with sensor noise, the same way for the same seed
 * @defect_or_null: NULL or LC_SIM_DEFECT_NONE in @defect_or_null->defect_class for a good
 *   part; otherwise the class of defect to draw, at a place chosen from @seed on the part's
 *   surface, and its box in the picture is written back into @defect_or_null
 *
 * One picture of a part as the simulated camera would take it: what the demo uses for
 * each part type's reference image and for defects whose place is known. Thread-safe; the
 * last part type drawn is kept, so a series of the same part costs a few milliseconds each.
 *
 * Returns: (transfer full): an LcFrame in the part's natural format
 */
LcFrame     *lc_camera_sim_render_part     (const char  *part_code,
                                            int          width,
                                            int          height,
                                            guint32      seed,
                                            LcSimDefect *defect_or_null);

G_END_DECLS
