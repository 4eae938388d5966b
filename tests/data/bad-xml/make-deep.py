#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes deep-nesting.xml: good.xml with the text of its first <note>
replaced by DEPTH nested, otherwise empty elements (default 100,000).

The output is deterministic, so the committed file can be checked with

    ./make-deep.py --output /tmp/deep.xml && cmp /tmp/deep.xml deep-nesting.xml
"""

import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--depth', type=int, default=100_000)
    parser.add_argument('--output', default=os.path.join(HERE, 'deep-nesting.xml'))
    args = parser.parse_args()
    if args.depth < 1:
        parser.error('--depth must be at least 1')

    with open(os.path.join(HERE, 'good.xml'), encoding='utf-8', newline='') as f:
        good = f.read()
    match = re.search(r'<note>[^<]*</note>', good)
    if match is None:
        sys.exit('good.xml has no <note> to replace')

    # One line break per 1,000 levels keeps the lines a reasonable length;
    # the breaks are text between elements and change nothing else.
    opening = ''.join('<x>' + ('\n' if (i + 1) % 1000 == 0 else '') for i in range(args.depth))
    closing = ''.join('</x>' + ('\n' if (i + 1) % 1000 == 0 else '') for i in range(args.depth))
    deep = good[:match.start()] + '<note>' + opening + closing + '</note>' + good[match.end():]

    with open(args.output, 'w', encoding='utf-8', newline='') as f:
        f.write(deep)


if __name__ == '__main__':
    main()
