"""Runs many AWS CLI commands in one Python process: the CLI's own entry point (what /usr/bin/aws
calls), once per command, each with its own environment. Saves a second of start-up per command.
stdin: one JSON object per line, {"args": [...], "env": {...}}; stdout: a JSON list of
{"exitCode", "stdout", "stderr"}."""
import contextlib
import io
import json
import os
import sys

import awscli.clidriver

results = []
for line in sys.stdin:
    job = json.loads(line)
    # awscli sets AWS_DATA_PATH at import; every other AWS_* variable is the job's own.
    for key in [k for k in os.environ if k.startswith('AWS_') and k != 'AWS_DATA_PATH']:
        del os.environ[key]
    os.environ.update(job['env'])
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = awscli.clidriver.AWSCLIEntryPoint().main(job['args'])
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
    results.append({'exitCode': code, 'stdout': out.getvalue(), 'stderr': err.getvalue()})
print(json.dumps(results))
