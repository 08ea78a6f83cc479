/** The demos gridmap can generate (GRIDMAP_DEMO, `npm run seed -- --demo`). No imports: config reads it. */
export const DEMO_CHOICES = ['county', 'prefecture'] as const;
export type DemoChoice = (typeof DEMO_CHOICES)[number];

export function isDemoChoice(value: string): value is DemoChoice {
  return (DEMO_CHOICES as readonly string[]).includes(value);
}
