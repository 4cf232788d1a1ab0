/* The building blocks of the anomaly model's cell features, made fast for two cores: scratch
 * images kept between calls, independent maps run side by side, large Gaussian blurs on a
 * pyramid, and pooling into heat-map cells. Any feature map can use them
 * (_lc_vision_patch_features is the one user today). */

#include "lc-config.h"

#include <opencv2/imgproc.hpp>

#include <cmath>

#include "lc-vision-private.hpp"

/* ---- scratch images ---- */

LcVisionScratch &
LcVisionScratch::of_this_thread ()
{
  /* freed when the thread ends */
  static thread_local LcVisionScratch scratch;
  return scratch;
}

cv::Mat &
LcVisionScratch::image (cv::Size size,
                        int      type)
{
  const size_t bytes = (size_t) size.area () * CV_ELEM_SIZE (type);

  if (used == slots.size ())
    slots.emplace_back ();
  Slot &slot = slots[used++];
  if (slot.memory.total () < bytes)
    slot.memory.create (1, (int) bytes, CV_8U);
  slot.image = cv::Mat (size, type, slot.memory.data);
  return slot.image;
}

/* ---- independent maps on both cores ---- */

void
_lc_vision_run_parallel (const std::vector<LcVisionJob> &jobs)
{
  /* One stripe per job, so a core that finishes early takes the next job. Inside another
   * parallel loop (the trainer computes two images at a time) OpenCV runs the jobs one after
   * the other on that loop's thread. */
  cv::parallel_for_ (cv::Range (0, (int) jobs.size ()), [&] (const cv::Range &range) {
    LcVisionScratch &scratch = LcVisionScratch::of_this_thread ();
    for (int i = range.start; i < range.end; i++)
      {
        LcVisionScratch::Scope scope (scratch);
        jobs[i] (scratch);
      }
  }, (double) jobs.size ());
}

/* ---- Gaussian blur ---- */

/* A blur keeps its rest at the coarsest level at least this wide (pixels of that level): the
 * binomial filters of cv::pyrDown let a little detail alias into coarse levels and the rest
 * blur is what removes it. */
#define PYRAMID_REST_SIGMA 1.5
/* and the coarsest level keeps this many pixels on its shorter side */
#define PYRAMID_MIN_SIDE 12

void
_lc_vision_gaussian_blur (const cv::Mat   &src,
                          cv::Mat         &dst,
                          double           sigma,
                          LcVisionScratch &scratch)
{
  /* cv::pyrDown halves an image after a 5-tap binomial filter (variance 1 pixel² of the finer
   * level) and cv::pyrUp doubles it back with the same filter, so k levels down and up blur
   * by 2 (4^k - 1) / 3 full-size pixels² in all; the rest, sigma² minus that, is blurred at
   * the coarsest level where it costs 4^k times less (Burt and Adelson, "The Laplacian
   * pyramid as a compact image code", IEEE Trans. Commun. 31(4), 1983). */
  int levels = 0;
  double rest = sigma * sigma;

  for (;;)
    {
      int k = levels + 1;
      double scale = std::ldexp (1.0, 2 * k);   /* 4^k */
      double next_rest = (sigma * sigma - 2 * (scale - 1) / 3) / scale;
      if (next_rest < PYRAMID_REST_SIGMA * PYRAMID_REST_SIGMA ||
          (std::min (src.rows, src.cols) >> k) < PYRAMID_MIN_SIDE)
        break;
      levels = k;
      rest = next_rest;
    }
  if (levels == 0)
    {
      cv::GaussianBlur (src, dst, cv::Size (), sigma, sigma, cv::BORDER_REFLECT);
      return;
    }

  LcVisionScratch::Scope temporaries (scratch);

  /* The pyramid's filters mirror the image about other lines than BORDER_REFLECT does, so
   * the blur runs on a copy with the reflected border already in place, as wide as the
   * reach of the full-size kernel (4 sigma) and a whole number of coarsest pixels. */
  const int step = 1 << levels;
  const int pad = ((int) std::ceil (4 * sigma) + step - 1) / step * step;
  std::vector<cv::Mat *> pyramid (levels + 1);
  pyramid[0] = &scratch.image (cv::Size (src.cols + 2 * pad, src.rows + 2 * pad), src.type ());
  cv::copyMakeBorder (src, *pyramid[0], pad, pad, pad, pad, cv::BORDER_REFLECT);
  for (int k = 1; k <= levels; k++)
    {
      const cv::Mat &finer = *pyramid[k - 1];
      pyramid[k] = &scratch.image (cv::Size ((finer.cols + 1) / 2, (finer.rows + 1) / 2), src.type ());
      cv::pyrDown (finer, *pyramid[k], pyramid[k]->size (), cv::BORDER_REFLECT);
    }
  cv::Mat *up = &scratch.image (pyramid[levels]->size (), src.type ());
  cv::GaussianBlur (*pyramid[levels], *up, cv::Size (), std::sqrt (rest), std::sqrt (rest), cv::BORDER_REFLECT);
  for (int k = levels - 1; k >= 0; k--)
    {
      cv::Mat &finer = scratch.image (pyramid[k]->size (), src.type ());
      cv::pyrUp (*up, finer, finer.size ());
      up = &finer;
    }
  (*up) (cv::Rect (pad, pad, src.cols, src.rows)).copyTo (dst);
}

/* ---- pooling into cells ---- */

void
_lc_vision_pool_cells (const cv::Mat   &map,
                       const cv::Mat   &weight,
                       cv::Size         grid,
                       cv::Mat         &cells,
                       LcVisionScratch &scratch)
{
  LcVisionScratch::Scope temporaries (scratch);
  const cv::Mat *weighted = &map;

  if (!weight.empty ())
    {
      cv::Mat &product = scratch.image (map.size (), CV_32F);
      cv::multiply (map, weight, product);
      weighted = &product;
    }
  /* the mean of each cell; for a whole number of pixels per cell, OpenCV's fast path */
  cv::resize (*weighted, cells, grid, 0, 0, cv::INTER_AREA);
}
