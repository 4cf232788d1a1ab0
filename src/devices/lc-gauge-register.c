#include "lc-config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lc-gauge-register.h"

void
lc_gauge_register_init (LcGaugeRegister *self)
{
  self->table = LC_GAUGE_TABLE_HOLDING;
  self->address = 0;
  self->type = LC_GAUGE_DATA_UINT16;
  self->order = LC_GAUGE_ORDER_ABCD;
  self->scale = 1.0;
  self->offset = 0.0;
}

guint
lc_gauge_register_n_words (const LcGaugeRegister *self)
{
  return lc_gauge_data_type_n_words (self->type);
}

gboolean
lc_gauge_register_validate (const LcGaugeRegister  *self,
                            GError                **error)
{
  guint n = lc_gauge_register_n_words (self);

  if (lc_gauge_table_is_bits (self->table) && self->type != LC_GAUGE_DATA_BOOL)
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("Coils and discrete inputs hold one bit: choose the data type bool."));
      return FALSE;
    }
  if (self->address + n > 65536)
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("Address %u is out of range: a %s needs %u register(s) from 0 to 65535."),
                   self->address, lc_gauge_data_type_to_string (self->type), n);
      return FALSE;
    }
  if (!isfinite (self->scale) || self->scale == 0.0 || !isfinite (self->offset))
    {
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_INVALID,
                   _("The scale must be a number other than 0, and the offset a number."));
      return FALSE;
    }
  return TRUE;
}

gboolean
lc_gauge_register_decode (const LcGaugeRegister  *self,
                          const guint16          *words,
                          double                 *value,
                          GError                **error)
{
  double decoded;

  if (!lc_gauge_words_decode (self->type, self->order, words, &decoded, error))
    return FALSE;
  if (self->type == LC_GAUGE_DATA_BOOL)
    *value = decoded;
  else
    *value = decoded * self->scale + self->offset;
  return TRUE;
}

gboolean
lc_gauge_register_encode (const LcGaugeRegister  *self,
                          double                  value,
                          guint16                *words,
                          GError                **error)
{
  double raw = value;

  if (self->type != LC_GAUGE_DATA_BOOL)
    raw = (value - self->offset) / self->scale;
  return lc_gauge_words_encode (self->type, self->order, raw, words, error);
}
