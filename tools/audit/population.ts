/**
 * A simulated population for the feedback loop: visitors whose tastes are
 * known, because they are drawn here, and a stream of published items, each
 * with a topic, an author and an intrinsic appeal. Everything comes from one seed.
 */
import { mulberry32 } from '../model/als';

/** Topic names; none is in the SDK's default sensitive categories, which it would refuse to learn. */
const TOPIC_NAMES = ['politics', 'science', 'sport', 'business', 'culture', 'travel', 'food', 'technology', 'music', 'film', 'books', 'climate'];

/** The simulated visitors: how many, across how many topics, from which seed. */
export interface PopulationSettings {
  visitors: number;
  /** At most as many as there are topic names (12). */
  topics: number;
  /** Each author writes in one topic. */
  authorsPerTopic: number;
  /** How many topics besides their favourite a visitor likes some: from the first to the second, inclusive. */
  otherLikedTopics: readonly [number, number];
  /**
   * Taste for each topic the visitor does not like, before the tastes are made
   * to sum to 1 (the favourite counts 1, another liked topic 0.15 to 0.6).
   */
  background: number;
  seed: number;
}

/** The population `attune audit --simulate` uses unless told otherwise. */
export const DEFAULT_POPULATION: PopulationSettings = {
  visitors: 200,
  topics: 12,
  authorsPerTopic: 4,
  otherLikedTopics: [1, 3],
  background: 0.02,
  seed: 1,
};

export interface SimulatedItem {
  id: string;
  /** Index into the population's topics. */
  topic: number;
  /** `topic:…` and `author:…`, as a site would mark the item up. */
  features: string[];
  /** 0.2..1: how likely a visitor who likes only its topic is to click it once they look at it. */
  appeal: number;
}

export interface SimulatedVisitor {
  /** Topic index → share of the visitor's taste; sums to 1. */
  tastes: Float64Array;
  /** The topic with the largest share. */
  favourite: number;
}

export interface Population {
  /** `topic:politics` and so on, by index. */
  topics: string[];
  /** In order of publication. */
  items: SimulatedItem[];
  visitors: SimulatedVisitor[];
}

/**
 * Independent seeded generators drawn from one seed, one per numbered stream,
 * so what one part of a simulation draws does not shift another's numbers.
 */
export const seededStream = (seed: number, stream: number) =>
  mulberry32(Math.imul(seed ^ 0x5bd1e995, 0x9e3779b1) + Math.imul(stream + 1, 0x85ebca6b));

/** The population's own streams; a simulation numbers its streams after these. */
const VISITOR_STREAM = 0;
const ITEM_STREAM = 1;
export const POPULATION_STREAMS = 2;

/**
 * Topic `k`'s chance of being a visitor's favourite is proportional to
 * 1 / (k + 1) (Zipf): a few topics are mainstream, the rest niche, as on a
 * real site, so a front page in popularity order suits some visitors far
 * better than others.
 */
function favouriteOf(topics: number, random: () => number): number {
  const weights = Array.from({ length: topics }, (_, k) => 1 / (k + 1));
  let left = random() * weights.reduce((sum, weight) => sum + weight, 0);
  for (let k = 0; k < topics; k++) if ((left -= weights[k]!) < 0) return k;
  return topics - 1;
}

function visitorOf(settings: PopulationSettings, random: () => number): SimulatedVisitor {
  const { topics, otherLikedTopics: [fewest, most], background } = settings;
  const favourite = favouriteOf(topics, random);
  const tastes = new Float64Array(topics).fill(background);
  tastes[favourite] = 1;
  const liked = fewest + Math.floor(random() * (most - fewest + 1));
  const others = Array.from({ length: topics }, (_, k) => k).filter((topic) => topic !== favourite);
  for (let i = 0; i < liked; i++) {
    const [topic] = others.splice(Math.floor(random() * others.length), 1);
    tastes[topic!] = 0.15 + 0.45 * random();
  }
  const total = tastes.reduce((sum, taste) => sum + taste, 0);
  for (let k = 0; k < topics; k++) tastes[k]! /= total;
  return { tastes, favourite };
}

/** Each story's topic is drawn uniformly, so niche topics get as many stories as mainstream ones; its author is one of its topic's. */
function itemOf(index: number, settings: PopulationSettings, topics: string[], random: () => number): SimulatedItem {
  const topic = Math.floor(random() * settings.topics);
  const author = `${TOPIC_NAMES[topic]}-${1 + Math.floor(random() * settings.authorsPerTopic)}`;
  return { id: `story-${index + 1}`, topic, features: [topics[topic]!, `author:${author}`], appeal: 0.2 + 0.8 * random() };
}

/** A seeded population with `items` stories: the same settings give the same visitors whatever the count of stories. */
export function simulatedPopulation(settings: PopulationSettings, items: number): Population {
  if (!(Number.isInteger(settings.topics) && settings.topics >= 2 && settings.topics <= TOPIC_NAMES.length)) {
    throw new RangeError(`topics must be a whole number from 2 to ${TOPIC_NAMES.length}, not ${settings.topics}`);
  }
  const [fewest, most] = settings.otherLikedTopics;
  if (!(Number.isInteger(fewest) && Number.isInteger(most) && fewest >= 0 && fewest <= most && most < settings.topics)) {
    throw new RangeError(`otherLikedTopics must be two whole numbers, 0 ≤ first ≤ second < topics, not ${fewest}, ${most}`);
  }
  const topics = TOPIC_NAMES.slice(0, settings.topics).map((name) => `topic:${name}`);
  const itemRandom = seededStream(settings.seed, ITEM_STREAM);
  const visitorRandom = seededStream(settings.seed, VISITOR_STREAM);
  return {
    topics,
    items: Array.from({ length: items }, (_, i) => itemOf(i, settings, topics, itemRandom)),
    visitors: Array.from({ length: settings.visitors }, () => visitorOf(settings, visitorRandom)),
  };
}
