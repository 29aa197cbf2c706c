// Reads an iCalendar file on standard input with ical.js (Mozilla's parser, the one Thunderbird uses) and
// prints each event's UID, start and end as ical.js understands them: seconds since 1970 in UTC, or the
// date for an all-day value. events/tests/test_calendar_clients.py compares them with the time zone database.
import ICAL from "ical.js";
import { readFileSync } from "node:fs";

const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
const moment = (time) => (time === null ? null : time.isDate ? time.toString() : time.toUnixTime());
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return { uid: event.uid, start: moment(event.startDate), end: moment(component.hasProperty("dtend") ? event.endDate : null) };
});
process.stdout.write(JSON.stringify(events));
