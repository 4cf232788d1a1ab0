#include "lc-camera-image.h"

#include <cstring>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

extern "C" LcCameraImageStatus
lc_camera_image_decode (const guint8  *data,
                        gsize          size,
                        int           *width,
                        int           *height,
                        int           *channels,
                        guint8       **pixels)
{
  *pixels = NULL;
  if (data == NULL || size == 0 || size > G_MAXINT)
    return LC_CAMERA_IMAGE_UNREADABLE;

  try
    {
      cv::Mat encoded (1, (int) size, CV_8UC1, const_cast<guint8 *> (data));
      cv::Mat image = cv::imdecode (encoded, cv::IMREAD_UNCHANGED);
      cv::Mat out;

      if (image.empty () || image.dims != 2)
        return LC_CAMERA_IMAGE_UNREADABLE;

      if (image.depth () == CV_16U)
        image.convertTo (image, CV_8U, 1.0 / 256.0);
      else if (image.depth () != CV_8U)
        return LC_CAMERA_IMAGE_UNREADABLE;

      switch (image.channels ())
        {
        case 1:
          out = image;
          break;
        case 3:
          cv::cvtColor (image, out, cv::COLOR_BGR2RGB);
          break;
        case 4:
          cv::cvtColor (image, out, cv::COLOR_BGRA2RGB);
          break;
        default:
          return LC_CAMERA_IMAGE_UNREADABLE;
        }
      if (!out.isContinuous ())
        out = out.clone ();

      gsize bytes = out.total () * out.elemSize ();
      *pixels = (guint8 *) g_malloc (bytes);
      memcpy (*pixels, out.data, bytes);
      *width = out.cols;
      *height = out.rows;
      *channels = out.channels ();
      return LC_CAMERA_IMAGE_OK;
    }
  catch (const cv::Exception &)
    {
      /* OpenCV throws for files it recognises but cannot take apart. */
      return LC_CAMERA_IMAGE_UNREADABLE;
    }
  catch (...)
    {
      return LC_CAMERA_IMAGE_FAILED;
    }
}

extern "C" guint8 *
lc_camera_image_encode_png (const guint8 *pixels,
                            int           width,
                            int           height,
                            gsize         stride,
                            int           channels,
                            gsize        *size)
{
  *size = 0;
  if (channels != 1 && channels != 3)
    return NULL;

  try
    {
      cv::Mat image (height, width, channels == 1 ? CV_8UC1 : CV_8UC3,
                     const_cast<guint8 *> (pixels), stride);
      cv::Mat bgr;
      std::vector<guchar> png;
      /* Level 3: a third smaller than OpenCV's default 1 for camera pictures, still well
       * under the time an operator waits between parts. */
      std::vector<int> params = { cv::IMWRITE_PNG_COMPRESSION, 3 };

      if (channels == 3)
        cv::cvtColor (image, bgr, cv::COLOR_RGB2BGR);
      else
        bgr = image;
      if (!cv::imencode (".png", bgr, png, params))
        return NULL;

      guint8 *out = (guint8 *) g_malloc (png.size ());
      memcpy (out, png.data (), png.size ());
      *size = png.size ();
      return out;
    }
  catch (...)
    {
      return NULL;
    }
}
