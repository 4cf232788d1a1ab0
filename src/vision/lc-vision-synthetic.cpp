/* Made-up defects drawn into pictures of good parts, for the anomaly model to learn what a
 * departure from the good texture looks like before it has seen a single real defect.
 *
 * The idea is that of CutPaste (Li, Sohn, Yoon and Pfister, "CutPaste: self-supervised
 * learning for anomaly detection and localization", CVPR 2021) and DRAEM (Zavrtanik, Kristan
 * and Skočaj, "DRAEM: a discriminatively trained reconstruction embedding for surface anomaly
 * detection", ICCV 2021): good pictures with generic damage drawn in teach a discriminator
 * which feature changes matter. The four kinds here are the generic shapes of surface damage
 * (a pit or dent, a scratch or crack, a patch of foreign texture, a chipped corner), not the
 * defects of any one data set; their sizes follow the picture's size. */

#include "lc-config.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

#include "lc-vision-private.hpp"

/* Darkens (or, for a negative depth, brightens) GRAY by DEPTH times the soft-edged SHAPE. */
static void
shade (cv::Mat       &image,
       const cv::Mat &shape,
       double         softness,
       double         depth)
{
  cv::Mat soft, factor;

  shape.convertTo (soft, CV_32F, 1.0 / 255);
  cv::GaussianBlur (soft, soft, cv::Size (), std::max (0.5, softness), 0, cv::BORDER_REPLICATE);
  soft = cv::min (soft * 1.5, 1.0);
  factor = 1.0 - depth * soft;
  image = image.mul (factor);
}

static void
draw_spot (cv::Mat  &image,
           cv::Mat  &mask,
           cv::RNG  &rng,
           double    unit)
{
  int n = rng.uniform (1, 3);

  for (int i = 0; i < n; i++)
    {
      cv::Mat shape = cv::Mat::zeros (image.size (), CV_8U);
      double r = rng.uniform (2.0, 10.0) * unit;
      cv::Point centre (rng.uniform (0, image.cols), rng.uniform (0, image.rows));
      cv::Size axes ((int) std::max (1.0, r), (int) std::max (1.0, r * rng.uniform (0.5, 1.5)));

      cv::ellipse (shape, centre, axes, rng.uniform (0.0, 180.0), 0, 360, 255, cv::FILLED);
      /* mostly pits (darker), sometimes bumps or bright flecks */
      shade (image, shape, r / 3, rng.uniform (0, 4) == 0 ? -rng.uniform (0.3, 0.7) : rng.uniform (0.3, 0.7));
      mask |= shape;
    }
}

static void
draw_scratch (cv::Mat  &image,
              cv::Mat  &mask,
              cv::RNG  &rng,
              double    unit)
{
  cv::Mat shape = cv::Mat::zeros (image.size (), CV_8U);
  std::vector<cv::Point> points;
  double x = rng.uniform (0, image.cols), y = rng.uniform (0, image.rows);
  double angle = rng.uniform (0.0, 2 * M_PI);
  double step = 3 * unit;
  int n = (int) (rng.uniform (0.1, 0.5) * std::max (image.cols, image.rows) / step);

  /* a random walk with a slowly turning heading: a crack or a scratch, not a straight line */
  for (int i = 0; i < std::max (n, 2); i++)
    {
      angle += rng.gaussian (0.3);
      x += step * std::cos (angle);
      y += step * std::sin (angle);
      points.emplace_back ((int) x, (int) y);
    }
  cv::polylines (shape, points, false, 255, std::max (1, (int) std::lround (rng.uniform (1.0, 3.5) * unit)));
  shade (image, shape, 0.7 * unit, rng.uniform (0, 4) == 0 ? -rng.uniform (0.3, 0.7) : rng.uniform (0.3, 0.7));
  mask |= shape;
}

static void
draw_patch (cv::Mat  &image,
            cv::Mat  &mask,
            cv::RNG  &rng)
{
  int w = std::max (2, (int) (rng.uniform (0.1, 0.4) * image.cols));
  int h = std::max (2, (int) (rng.uniform (0.1, 0.4) * image.rows));
  cv::Rect to (rng.uniform (0, image.cols - w + 1), rng.uniform (0, image.rows - h + 1), w, h);
  cv::Rect from (rng.uniform (0, image.cols - w + 1), rng.uniform (0, image.rows - h + 1), w, h);
  cv::Mat patch;

  /* texture from elsewhere on the part, turned and dimmed: worn or re-ground. Not blurred:
   * a perceptron taught that smooth means damaged flags every picture a little softer than
   * the training ones (the demo's camera pictures, shrunk from 1280 pixels, were). */
  image (from).copyTo (patch);
  cv::flip (patch, patch, -1);
  patch *= rng.uniform (0.6, 0.9);
  patch.copyTo (image (to));
  mask (to).setTo (255);
}

static void
draw_chip (cv::Mat  &image,
           cv::Mat  &mask,
           cv::RNG  &rng)
{
  cv::Mat shape = cv::Mat::zeros (image.size (), CV_8U);
  int cx = rng.uniform (0, 2) * image.cols, cy = rng.uniform (0, 2) * image.rows;
  int a = (int) (rng.uniform (0.05, 0.3) * image.cols), b = (int) (rng.uniform (0.05, 0.3) * image.rows);
  cv::Point corner[] = { { cx, cy }, { std::abs (cx - a), cy }, { cx, std::abs (cy - b) } };
  double darkest;

  /* a broken corner shows what lies behind the part: about as dark as the darkest of it */
  cv::minMaxLoc (image, &darkest);
  cv::fillConvexPoly (shape, corner, 3, 255);
  image.setTo (darkest * rng.uniform (0.3, 1.0), shape);
  mask |= shape;
}

cv::Mat
_lc_vision_synthetic_defect (const cv::Mat &gray,
                             cv::RNG       &rng,
                             cv::Mat       &mask)
{
  cv::Mat image, out;
  /* sizes are drawn for a picture of about 384 pixels and scaled to this one */
  double unit = std::max (gray.cols, gray.rows) / 384.0;

  gray.convertTo (image, CV_32F);
  mask = cv::Mat::zeros (gray.size (), CV_8U);
  switch (rng.uniform (0, 4))
    {
    case 0:
      draw_spot (image, mask, rng, unit);
      break;
    case 1:
      draw_scratch (image, mask, rng, unit);
      break;
    case 2:
      draw_patch (image, mask, rng);
      break;
    default:
      draw_chip (image, mask, rng);
      break;
    }
  image.convertTo (out, CV_8U);
  return out;
}
