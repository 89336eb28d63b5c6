/**
 * Small word classes for English: things work produces or moves (documents, hires, migrations, cases) and the
 * words of feeling and of asking. The model learns one weight per class, so a work object it never saw in training
 * ("spreadsheet", "payroll run") still counts as one. Lemmas, lower case.
 */

export const WORK_OBJECTS: ReadonlySet<string> = new Set(
  (
    'agenda analysis api app approval article asset audit backlog budget bug build campaign candidate case ' +
    'change chapter checklist claim client code component config contract copy course dashboard data database ' +
    'deadline deck delivery demo deployment design doc document draft email estimate evaluation event feature ' +
    'file fix forecast form guide handover hire hiring incident integration interview inventory invoice issue ' +
    'job launch lead list memo migration milestone mockup model module newsletter offer onboarding order page ' +
    'payroll pipeline plan policy post presentation process proposal prototype pr qa queue quote rollout ' +
    'release renewal report request requirement research review roadmap rollout schedule script server ' +
    'service sign-off slide spec spreadsheet sprint story summary survey system task template test ticket ' +
    'training translation update upgrade vendor version website workflow workshop'
  ).split(' '),
);

export const FEELINGS: ReadonlySet<string> = new Set(
  (
    'afraid angry annoy anxious appreciate bore bored burnout burn calm confident curious disappoint ' +
    'disappointed drain energize energy enjoy exhaust exhausted excite excited fear feel frustrate frustrated ' +
    'fun glad grateful happy hate hope isolate isolated joy lonely love miss motivate motivated nervous ' +
    'overwhelm overwhelmed proud relieve relieved sad satisfy scared stress stressed struggle tire tired ' +
    'upset worry worried'
  ).split(' '),
);

export const ASKS: ReadonlySet<string> = new Set(
  (
    'advice career coach compensation discuss feedback goal grow growth help idea learn mentor need ' +
    'promotion raise recognition recognize salary shout-out support talk thank wish want'
  ).split(' '),
);

/**
 * Habit and frequency: "most days", "always", "keeps". A status update reports what happened to something; talk about
 * how work usually goes ("calls start at 7 most days") is what the board is for.
 */
export const HABIT =
  /\b(most days|every (day|week|morning|evening|night|time)|always|often|usually|sometimes|constantly|never|all the time|keeps?|again)\b/i;
