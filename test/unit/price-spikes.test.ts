/**
 * Spike alerts backtested on the DCA retail record 2010–2021: the 2019 onion crisis and the
 * 2015–16 pulse spike are flagged; most alerts fall in or just before a price crisis; staples
 * that never ran away (sugar, rice) stay quiet.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import { detectSpikes } from '../../src/engines/prices/index.js';
import { ALERT_LEAD_DAYS, crises, loadNationalRetail, NAMED_EPISODES } from '../support/dca-history.js';

const COLUMNS = ['onion', 'potato', 'tomato', 'tur_arhar_dal', 'urad_dal', 'moong_dal', 'gram_dal', 'masoor_dal', 'sugar', 'rice'];

describe('market spike alerts on the DCA record', () => {
  const series = loadNationalRetail(COLUMNS);

  it('flags the 2019 onion crisis and the 2015–16 pulse spike', () => {
    for (const episode of NAMED_EPISODES) {
      const alerts = detectSpikes(series.get(episode.column)!).filter((s) => s.date >= episode.from && s.date <= episode.to);
      expect(alerts.length, episode.what).toBeGreaterThan(0);
    }
  });

  it('raises most alerts in or just before a crisis, and none for sugar or rice', () => {
    let right = 0;
    let all = 0;
    for (const column of COLUMNS) {
      const labelled = crises(series.get(column)!);
      for (const alert of detectSpikes(series.get(column)!)) {
        all++;
        if (labelled.some((c) => alert.date >= addDays(c.from, -ALERT_LEAD_DAYS) && alert.date <= c.to)) right++;
      }
    }
    expect(right / all).toBeGreaterThan(0.75);
    expect(detectSpikes(series.get('sugar')!)).toEqual([]);
    expect(detectSpikes(series.get('rice')!)).toEqual([]);
  });
});
