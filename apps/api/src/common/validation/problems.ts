/** How many problems one error lists; the rest are counted, so a hostile payload gets a short answer. */
export const MAX_LISTED_PROBLEMS = 5;

/** The first few problems, and how many more there were. */
export function listProblems(problems: readonly string[]): string[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return [...problems];
  const more = problems.length - MAX_LISTED_PROBLEMS;
  return [
    ...problems.slice(0, MAX_LISTED_PROBLEMS),
    `and ${more} more problem${more > 1 ? 's' : ''}`,
  ];
}
