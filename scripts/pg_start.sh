#!/usr/bin/env bash
# placeholder: the store work adds the real server start
exit 1
