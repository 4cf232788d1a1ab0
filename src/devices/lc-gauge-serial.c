#include "lc-config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <poll.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "lc-gauge-serial.h"

#define MAX_LINE 255

struct _LcGaugeSerial
{
  int      fd;
  char    *path;
  GString *pending;     /* bytes after the last complete line */
};

static speed_t
baud_to_speed (guint baud)
{
  switch (baud)
    {
    case 1200: return B1200;
    case 2400: return B2400;
    case 4800: return B4800;
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    case 230400: return B230400;
    default: return B0;
    }
}

void
lc_gauge_serial_set_open_error (const char  *path,
                                int          err,
                                GError     **error)
{
  switch (err)
    {
    case ENOENT:
    case ENODEV:
    case ENXIO:
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_CONNECT,
                   _("The serial port %s is not there: is the USB adapter plugged in?"), path);
      break;
    case EACCES:
    case EPERM:
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_CONNECT,
                   _("Linecheck may not open the serial port %s: add this user to the “dialout” group."),
                   path);
      break;
    case EBUSY:
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_CONNECT,
                   _("The serial port %s is in use by another program."), path);
      break;
    default:
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_CONNECT,
                   _("The serial port %s cannot be opened: %s."), path, g_strerror (err));
      break;
    }
}

LcGaugeSerial *
lc_gauge_serial_open (const LcGaugeLink  *link,
                      GError            **error)
{
  struct termios tio;
  speed_t speed = baud_to_speed (link->baud);
  LcGaugeSerial *self;
  int fd;

  if (!lc_gauge_link_validate (link, error))
    return NULL;

  fd = open (link->serial_port, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    {
      lc_gauge_serial_set_open_error (link->serial_port, errno, error);
      return NULL;
    }
  if (tcgetattr (fd, &tio) != 0)
    {
      int err = errno;
      close (fd);
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_CONNECT,
                   _("%s is not a serial port (%s)."), link->serial_port, g_strerror (err));
      return NULL;
    }

  cfmakeraw (&tio);
  cfsetispeed (&tio, speed);
  cfsetospeed (&tio, speed);
  tio.c_cflag &= ~(CSIZE | PARENB | PARODD | CSTOPB | CRTSCTS);
  tio.c_cflag |= CLOCAL | CREAD;
  tio.c_cflag |= link->data_bits == 5 ? CS5 : link->data_bits == 6 ? CS6
                 : link->data_bits == 7 ? CS7 : CS8;
  if (link->parity == 'E')
    tio.c_cflag |= PARENB;
  else if (link->parity == 'O')
    tio.c_cflag |= PARENB | PARODD;
  if (link->stop_bits == 2)
    tio.c_cflag |= CSTOPB;
  tio.c_cc[VMIN] = 0;
  tio.c_cc[VTIME] = 0;
  if (tcsetattr (fd, TCSANOW, &tio) != 0)
    {
      int err = errno;
      close (fd);
      g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_CONNECT,
                   _("The serial port %s refused the settings %u %u%c%u: %s."), link->serial_port,
                   link->baud, link->data_bits, link->parity, link->stop_bits, g_strerror (err));
      return NULL;
    }
  /* Whatever sat in the buffer belongs to no reading we asked for. */
  tcflush (fd, TCIOFLUSH);

  self = g_new0 (LcGaugeSerial, 1);
  self->fd = fd;
  self->path = g_strdup (link->serial_port);
  self->pending = g_string_new (NULL);
  return self;
}

void
lc_gauge_serial_free (LcGaugeSerial *self)
{
  if (self == NULL)
    return;
  close (self->fd);
  g_free (self->path);
  g_string_free (self->pending, TRUE);
  g_free (self);
}

static void
set_lost_error (LcGaugeSerial  *self,
                int             err,
                GError        **error)
{
  g_set_error (error, LC_GAUGE_ERROR, LC_GAUGE_ERROR_DISCONNECTED,
               _("The serial port %s stopped working (%s): is the USB adapter still plugged in?"),
               self->path, g_strerror (err));
}

gboolean
lc_gauge_serial_write (LcGaugeSerial  *self,
                       const char     *text,
                       GError        **error)
{
  gsize length = strlen (text), done = 0;

  while (done < length)
    {
      ssize_t n = write (self->fd, text + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && errno == EAGAIN)
        {
          struct pollfd pfd = { self->fd, POLLOUT, 0 };
          if (poll (&pfd, 1, 500) <= 0)
            {
              set_lost_error (self, ETIMEDOUT, error);
              return FALSE;
            }
          continue;
        }
      if (n < 0)
        {
          set_lost_error (self, errno, error);
          return FALSE;
        }
      done += (gsize) n;
    }
  return TRUE;
}

/* A complete line from PENDING, or NULL. */
static char *
take_line (LcGaugeSerial *self)
{
  for (;;)
    {
      gsize i;

      for (i = 0; i < self->pending->len; i++)
        if (self->pending->str[i] == '\r' || self->pending->str[i] == '\n')
          break;
      if (i == self->pending->len)
        {
          if (self->pending->len > MAX_LINE)
            {
              char *line = g_strndup (self->pending->str, MAX_LINE);
              g_string_erase (self->pending, 0, MAX_LINE);
              return line;
            }
          return NULL;
        }
      if (i == 0)
        {
          g_string_erase (self->pending, 0, 1);
          continue;
        }
      {
        char *line = g_strndup (self->pending->str, i);
        g_string_erase (self->pending, 0, (gssize) i + 1);
        return line;
      }
    }
}

char *
lc_gauge_serial_read_line (LcGaugeSerial  *self,
                           guint           timeout_ms,
                           GError        **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;

  for (;;)
    {
      char *line = take_line (self);
      struct pollfd pfd = { self->fd, POLLIN, 0 };
      gint64 left = deadline - g_get_monotonic_time ();
      char buffer[256];
      ssize_t n;
      int rc;

      if (line != NULL)
        return line;
      if (left <= 0)
        return NULL;
      rc = poll (&pfd, 1, (int) ((left + 999) / 1000));
      if (rc < 0 && errno == EINTR)
        continue;
      if (rc < 0)
        {
          set_lost_error (self, errno, error);
          return NULL;
        }
      if (rc == 0)
        return NULL;
      if (pfd.revents & POLLIN)
        {
          n = read (self->fd, buffer, sizeof buffer);
          if (n > 0)
            {
              g_string_append_len (self->pending, buffer, n);
              continue;
            }
          if (n < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
          set_lost_error (self, n < 0 ? errno : EIO, error);
          return NULL;
        }
      if (pfd.revents & (POLLHUP | POLLERR | POLLNVAL))
        {
          set_lost_error (self, EIO, error);
          return NULL;
        }
    }
}
