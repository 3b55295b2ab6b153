// The helpers moved to shared/ so the core's timeline labels activities the same way the app does.
export { ARG_KEYS, EVENT_KEYS, NAME_KEYS, RESULT_KEYS, activityName, pick } from '../../shared/activity-labels.js';
