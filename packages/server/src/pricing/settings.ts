import { z } from 'zod';

/** A business's pricing settings, kept in businesses.settings.pricing; defaults when absent. */
export const pricingSettingsSchema = z.object({
  taxMode: z.enum(['inclusive', 'exclusive']).default('inclusive'),
  taxRateBasisPoints: z.number().int().min(0).max(10_000).default(0),
  fees: z
    .object({
      packaging: z.number().int().min(0).default(0).describe('per order, for pickup and delivery'),
      delivery: z.number().int().min(0).default(0),
      shipment: z.number().int().min(0).default(0),
    })
    .default({ packaging: 0, delivery: 0, shipment: 0 }),
});
export type PricingSettings = z.infer<typeof pricingSettingsSchema>;

export const pricingSettings = (settings: Record<string, unknown>): PricingSettings =>
  pricingSettingsSchema.parse(settings.pricing ?? {});

export function feesFor(s: PricingSettings, fulfilment: 'dine_in' | 'pickup' | 'delivery' | 'shipment') {
  const fees: { code: string; amount: number }[] = [];
  if (fulfilment === 'pickup' || fulfilment === 'delivery')
    fees.push({ code: 'packaging', amount: s.fees.packaging });
  if (fulfilment === 'delivery') fees.push({ code: 'delivery', amount: s.fees.delivery });
  if (fulfilment === 'shipment') fees.push({ code: 'shipment', amount: s.fees.shipment });
  return fees;
}
