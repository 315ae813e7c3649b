// The schedules page: written by the schedules page's change.
