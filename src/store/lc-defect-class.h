#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  LC_SEVERITY_CRITICAL,  /* may stop the line */
  LC_SEVERITY_MAJOR,
  LC_SEVERITY_MINOR,
} LcSeverity;

#define LC_TYPE_SEVERITY (lc_severity_get_type ())
GType       lc_severity_get_type        (void);
const char *lc_severity_to_string       (LcSeverity   severity);
gboolean    lc_severity_from_string     (const char  *text,
                                         LcSeverity  *severity);
const char *lc_severity_get_label       (LcSeverity   severity);

#define LC_TYPE_DEFECT_CLASS (lc_defect_class_get_type ())
G_DECLARE_FINAL_TYPE (LcDefectClass, lc_defect_class, LC, DEFECT_CLASS, GObject)

LcDefectClass *lc_defect_class_new          (const char    *name,
                                             const char    *color,
                                             LcSeverity     severity);
LcDefectClass *lc_defect_class_copy         (LcDefectClass *self);
gint64         lc_defect_class_get_id       (LcDefectClass *self);
void           lc_defect_class_set_id       (LcDefectClass *self,
                                             gint64         id);
const char    *lc_defect_class_get_name     (LcDefectClass *self);
void           lc_defect_class_set_name     (LcDefectClass *self,
                                             const char    *name);
const char    *lc_defect_class_get_color    (LcDefectClass *self);
void           lc_defect_class_set_color    (LcDefectClass *self,
                                             const char    *color);
LcSeverity     lc_defect_class_get_severity (LcDefectClass *self);
void           lc_defect_class_set_severity (LcDefectClass *self,
                                             LcSeverity     severity);
gboolean       lc_defect_class_get_archived (LcDefectClass *self);
void           lc_defect_class_set_archived (LcDefectClass *self,
                                             gboolean       archived);
gboolean       lc_defect_class_validate     (LcDefectClass *self,
                                             GError       **error);

G_END_DECLS
