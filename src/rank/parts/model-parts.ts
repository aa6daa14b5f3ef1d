import { collaborative } from './collaborative';
import { content } from './content';
import { popularity } from './popularity';
import { freshness } from './freshness';
import { next } from './next';

/**
 * The parts that come with model support, after the features part: the four
 * that read the site's model, and freshness. A build without model support
 * carries none of them.
 */
export const MODEL_PARTS = [collaborative, content, popularity, freshness, next] as const;
