#include "lc-video-capture.h"

#include <cstring>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

struct _LcVideoCapture
{
  cv::VideoCapture capture;
  cv::Mat          bgr;
};

static int
to_cv_property (LcVideoCaptureProperty property)
{
  switch (property)
    {
    case LC_VIDEO_CAPTURE_WIDTH:       return cv::CAP_PROP_FRAME_WIDTH;
    case LC_VIDEO_CAPTURE_HEIGHT:      return cv::CAP_PROP_FRAME_HEIGHT;
    case LC_VIDEO_CAPTURE_FRAME_RATE:  return cv::CAP_PROP_FPS;
    case LC_VIDEO_CAPTURE_EXPOSURE_US: return cv::CAP_PROP_EXPOSURE;
    case LC_VIDEO_CAPTURE_GAIN:        return cv::CAP_PROP_GAIN;
    case LC_VIDEO_CAPTURE_FOURCC:      return cv::CAP_PROP_FOURCC;
    }
  return -1;
}

extern "C" LcVideoCapture *
lc_video_capture_open (const char *device)
{
  try
    {
      LcVideoCapture *self = new LcVideoCapture ();

      if (!self->capture.open (device, cv::CAP_V4L2) || !self->capture.isOpened ())
        {
          delete self;
          return NULL;
        }
      return self;
    }
  catch (...)
    {
      return NULL;
    }
}

extern "C" void
lc_video_capture_close (LcVideoCapture *self)
{
  if (self == NULL)
    return;
  try
    {
      self->capture.release ();
    }
  catch (...)
    {
    }
  delete self;
}

extern "C" gboolean
lc_video_capture_set (LcVideoCapture         *self,
                      LcVideoCaptureProperty  property,
                      double                  value)
{
  try
    {
      if (property == LC_VIDEO_CAPTURE_EXPOSURE_US)
        {
          /* V4L2 counts exposure in 100 µs steps and wants manual mode (1) first. */
          self->capture.set (cv::CAP_PROP_AUTO_EXPOSURE, 1);
          value /= 100.0;
        }
      return self->capture.set (to_cv_property (property), value);
    }
  catch (...)
    {
      return FALSE;
    }
}

extern "C" double
lc_video_capture_get (LcVideoCapture         *self,
                      LcVideoCaptureProperty  property)
{
  try
    {
      double value = self->capture.get (to_cv_property (property));

      return property == LC_VIDEO_CAPTURE_EXPOSURE_US ? value * 100.0 : value;
    }
  catch (...)
    {
      return 0;
    }
}

extern "C" gboolean
lc_video_capture_read (LcVideoCapture  *self,
                       guint8         **rgb,
                       int             *width,
                       int             *height)
{
  *rgb = NULL;
  try
    {
      cv::Mat out;

      if (!self->capture.read (self->bgr) || self->bgr.empty ())
        return FALSE;
      if (self->bgr.channels () == 1)
        cv::cvtColor (self->bgr, out, cv::COLOR_GRAY2RGB);
      else
        cv::cvtColor (self->bgr, out, cv::COLOR_BGR2RGB);

      gsize bytes = out.total () * out.elemSize ();
      *rgb = (guint8 *) g_malloc (bytes);
      memcpy (*rgb, out.data, bytes);
      *width = out.cols;
      *height = out.rows;
      return TRUE;
    }
  catch (...)
    {
      return FALSE;
    }
}
