/**
 * The hub's library of general well-being information, written for this
 * project in plain English (reading age about 9 to 11, short sentences,
 * "you"). It is general information for anyone, not advice about someone's
 * care, and every page says where to get help. Each page names what it helps
 * with — SNOMED CT conditions and the `care-plan-type` codes of plans and
 * goals — so an app can offer the pages that fit a record first; the hub
 * serves the same library to everyone and never learns which fit whom.
 */
const SNOMED = 'http://snomed.info/sct';
const PLAN_TYPE = 'https://care-record.example/CodeSystem/care-plan-type';

interface Coding {
  system: string;
  code: string;
  display: string;
}
export interface AdvicePage {
  id: string;
  title: string;
  summary: string;
  sections: { heading?: string; paragraphs: string[] }[];
  helpsWith: Coding[];
}

const condition = (code: string, display: string): Coding => ({ system: SNOMED, code, display });
const plan = (code: string, display: string): Coding => ({ system: PLAN_TYPE, code, display });

const HYPERTENSION = condition('38341003', 'Hypertension');
const TYPE_2_DIABETES = condition('44054006', 'Type 2 diabetes');
const TYPE_1_DIABETES = condition('46635009', 'Type 1 diabetes');
const COPD = condition('13645005', 'Chronic obstructive pulmonary disease');
const HEART_DISEASE = condition('53741008', 'Coronary heart disease');
const HEART_FAILURE = condition('84114007', 'Heart failure');
const DEPRESSION = condition('35489007', 'Depression');
const ANXIETY = condition('197480006', 'Anxiety');
const OSTEOARTHRITIS = condition('396275006', 'Osteoarthritis');
const ASTHMA = condition('195967001', 'Asthma');

const GET_HELP =
  'If you are worried about your health, or something changes, contact your GP practice. In an emergency, call 999. For urgent help that is not an emergency, call 111.';

export const WELLBEING_LIBRARY_UPDATED = '2026-11-01';

export const WELLBEING_ADVICE: readonly AdvicePage[] = [
  {
    id: 'healthy-eating',
    title: 'Healthy eating',
    summary: 'Simple changes to what you eat that help your weight, blood pressure and blood sugar.',
    sections: [
      {
        paragraphs: [
          'You do not need a special diet to eat well. Small changes you can keep up are better than big changes you cannot.',
          'Try to fill half your plate with vegetables or salad. Choose wholegrain bread, pasta and rice when you can: they keep you full for longer.',
        ],
      },
      {
        heading: 'Things to try this week',
        paragraphs: [
          'Swap sugary drinks for water, or tea and coffee without sugar.',
          'Use less salt when you cook, and taste your food before adding more. Much of the salt we eat is already in bread, ready meals and processed meat.',
          'Keep cakes, biscuits and crisps for now and then, not every day.',
        ],
      },
      { heading: 'Getting help', paragraphs: [GET_HELP] },
    ],
    helpsWith: [TYPE_2_DIABETES, TYPE_1_DIABETES, HYPERTENSION, HEART_DISEASE, plan('dietary', 'Dietary plan'), plan('weight', 'Weight')],
  },
  {
    id: 'getting-active',
    title: 'Getting active',
    summary: 'How moving more, in ways that suit you, helps your heart, lungs, joints and mood.',
    sections: [
      {
        paragraphs: [
          'Any movement is better than none. Aim to be active every day, a little at a time, and build up slowly.',
          'Most adults should aim for about two and a half hours of moderate activity a week — enough to make you breathe faster and feel warmer. That could be a brisk 20-minute walk each day.',
        ],
      },
      {
        heading: 'If you have a long-term condition',
        paragraphs: [
          'Being active is usually safe and helps most conditions. If you have a heart or lung condition, or have had a fall, ask your GP practice or physiotherapist what is right for you before you start something new.',
          'Stop and rest if you feel chest pain, dizzy or very short of breath, and get help if it does not settle.',
        ],
      },
      { heading: 'Getting help', paragraphs: [GET_HELP] },
    ],
    helpsWith: [HYPERTENSION, TYPE_2_DIABETES, COPD, HEART_DISEASE, HEART_FAILURE, OSTEOARTHRITIS, plan('activity', 'Activity plan')],
  },
  {
    id: 'sleep',
    title: 'Sleeping well',
    summary: 'Habits that can help you get to sleep and stay asleep.',
    sections: [
      {
        paragraphs: [
          'Most adults need between 7 and 9 hours of sleep a night. Going to bed and getting up at about the same time each day helps your body know when to sleep.',
          'Keep your bedroom dark, quiet and cool. Try to stop using screens for an hour before bed.',
          'Caffeine can keep you awake for hours: try not to have tea, coffee or cola after the middle of the afternoon.',
        ],
      },
      {
        heading: 'If you cannot sleep',
        paragraphs: [
          'If you are still awake after about 20 minutes, get up and do something calm in low light, then go back to bed when you feel sleepy.',
          'Talk to your GP practice if poor sleep goes on for weeks or is affecting your day.',
        ],
      },
    ],
    helpsWith: [DEPRESSION, ANXIETY],
  },
  {
    id: 'alcohol',
    title: 'Drinking less alcohol',
    summary: 'The low-risk limit, and ways to cut down.',
    sections: [
      {
        paragraphs: [
          'To keep health risks low, men and women are advised not to drink more than 14 units a week on a regular basis, spread over 3 or more days, with some days without alcohol. A pint of ordinary beer is about 2 units; a large glass of wine is about 3.',
          'Alcohol can raise your blood pressure, affect your blood sugar and mood, and make some medicines work less well.',
        ],
      },
      {
        heading: 'Cutting down',
        paragraphs: [
          'Have several drink-free days each week. Choose smaller glasses or lower-strength drinks. Alternate alcoholic drinks with water.',
          'If you drink a lot every day, do not stop suddenly without advice: talk to your GP practice first.',
        ],
      },
    ],
    helpsWith: [HYPERTENSION, TYPE_2_DIABETES, DEPRESSION, ANXIETY],
  },
  {
    id: 'stopping-smoking',
    title: 'Stopping smoking',
    summary: 'Free help to stop, and why it is never too late.',
    sections: [
      {
        paragraphs: [
          'Stopping smoking is the best thing you can do for your health. Your breathing, circulation and sense of taste start to improve within weeks.',
          'You are up to three times more likely to stop for good with support and stop-smoking medicines or a vape than on willpower alone.',
        ],
      },
      {
        heading: 'Getting support',
        paragraphs: [
          'Your GP practice or local pharmacy can put you in touch with free local stop-smoking support.',
          'Set a date to stop, tell people around you, and plan what you will do when you feel the urge.',
        ],
      },
    ],
    helpsWith: [COPD, ASTHMA, HEART_DISEASE, HYPERTENSION, TYPE_2_DIABETES, plan('stop-smoking', 'Stopping smoking')],
  },
  {
    id: 'mental-wellbeing',
    title: 'Looking after your mental wellbeing',
    summary: 'Everyday things that help you feel better, and where to turn when you do not.',
    sections: [
      {
        paragraphs: [
          'Staying in touch with people, being active, learning something new and doing things for others can all help how you feel.',
          'It is normal to feel low or worried sometimes. Talking to someone you trust can help.',
        ],
      },
      {
        heading: 'When to get help',
        paragraphs: [
          'If you have felt low, anxious or without hope for more than two weeks, talk to your GP practice. You can also refer yourself to NHS talking therapies.',
          'If you feel you might harm yourself, or you are in crisis, call 111 and choose the mental health option, or call 999.',
        ],
      },
    ],
    helpsWith: [DEPRESSION, ANXIETY],
  },
  {
    id: 'long-term-condition',
    title: 'Living well with a long-term condition',
    summary: 'Taking part in your own care: your plan, your medicines and your check-ups.',
    sections: [
      {
        paragraphs: [
          'You know your body and your life best. A care plan is something you and your care team agree together, so it should make sense to you. Ask if it does not.',
          'Keep a list of your medicines and take it to appointments. If a medicine causes problems, do not just stop it: talk to your pharmacist or GP practice.',
        ],
      },
      {
        heading: 'Check-ups and readings',
        paragraphs: [
          'Go to your regular reviews, even when you feel well: they catch problems early.',
          'If you measure your blood pressure or weight at home, sharing your readings helps your care team see how you are doing between visits.',
        ],
      },
      { heading: 'Getting help', paragraphs: [GET_HELP] },
    ],
    helpsWith: [
      HYPERTENSION,
      TYPE_2_DIABETES,
      TYPE_1_DIABETES,
      COPD,
      HEART_DISEASE,
      HEART_FAILURE,
      ASTHMA,
      plan('blood-pressure', 'Blood pressure'),
      plan('weight', 'Weight'),
    ],
  },
];
