"""Reference expansion for ReferenceExpanderTest: python icalendar and recurring-ical-events (Debian's
python3-recurring-ical-events). Prints one line per occurrence with a time (not all-day) overlapping the
window: start and end in UTC; floating times are read in the zone given.

Usage: expand.py FILE FROM TO ZONE   (FROM and TO like 2026-03-01T00:00:00Z)
"""
import datetime
import sys

import icalendar
import pytz
import recurring_ical_events

path, start, end, floating = sys.argv[1:5]
zone = pytz.timezone(floating)


def utc(value):
    if value.tzinfo is None:
        value = zone.localize(value)
    return value.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


with open(path, 'rb') as f:
    calendar = icalendar.Calendar.from_ical(f.read())
window = [datetime.datetime.fromisoformat(t.replace('Z', '+00:00')) for t in (start, end)]
lines = []
for event in recurring_ical_events.of(calendar).between(*window):
    begins = event['DTSTART'].dt
    if not isinstance(begins, datetime.datetime):
        continue
    ends = event['DTEND'].dt if 'DTEND' in event else begins
    lines.append(utc(begins) + ' ' + utc(ends))
print('\n'.join(sorted(lines)))
