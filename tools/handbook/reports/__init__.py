"""Generated reports: the conformity report and the steering group's status report, from the
same figures (`figures.py`) the site and `handbook status` show."""
