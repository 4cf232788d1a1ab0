#pragma once

#include <adwaita.h>

#include "lc-part-type.h"
#include "lc-store.h"

G_BEGIN_DECLS

/* The base of every page of the window (and of the Devices page's views): it holds the
 * store and the active part type, which the window sets at start and at changeover, and
 * lets a page with unfinished work hold changeover back. Subclasses use a template with
 * parent="LcPage" and override the vfuncs they need; they read the store and part type
 * with lc_page_get_store () / lc_page_get_part_type (). */
#define LC_TYPE_PAGE (lc_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (LcPage, lc_page, LC, PAGE, AdwBin)

struct _LcPageClass
{
  AdwBinClass parent_class;

  /* After the store was set (once, soon after construction). */
  void  (*store_changed)      (LcPage *self);
  /* After changeover to another part type (or NULL: none active). */
  void  (*part_type_changed)  (LcPage *self);
  /* A sentence saying what changeover would lose (for a confirmation), or NULL. */
  char *(*changeover_blocked) (LcPage *self);
  /* The operator chose to discard that work. */
  void  (*discard)            (LcPage *self);

  gpointer padding[8];
};

LcStore    *lc_page_get_store          (LcPage     *self);
void        lc_page_set_store          (LcPage     *self,
                                        LcStore    *store);
LcPartType *lc_page_get_part_type      (LcPage     *self);
void        lc_page_set_part_type      (LcPage     *self,
                                        LcPartType *part_type);
char       *lc_page_changeover_blocked (LcPage     *self);
void        lc_page_discard            (LcPage     *self);

G_END_DECLS
