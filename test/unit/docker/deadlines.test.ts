import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINES, exchangePolicy, requestLabel } from '../../../src/docker/deadlines.js';
import { toHostApiError } from '../../../src/docker/errors.js';
import { JsonObjectSplitter, JsonObjectTooLargeError } from '../../../src/docker/json-stream.js';
import { AnswerTooLargeError, DaemonSilentError } from '../../../src/docker/transport-errors.js';
import { SshOutputLimitError } from '../../../src/ssh/connection.js';
import { SshError } from '../../../src/ssh/errors.js';

const d = DEFAULT_DEADLINES;

describe('exchangePolicy: a deadline for every Docker request', () => {
  it('gives reads a short answer deadline, a completion deadline and the size cap', () => {
    expect(exchangePolicy('GET', '/_ping')).toEqual({
      kind: 'call',
      answerMs: d.readAnswerMs,
      completeMs: d.readCompleteMs,
      maxBytes: d.maxAnswerBytes,
    });
    expect(exchangePolicy('GET', '/v1.41/containers/json?all=1')).toMatchObject({
      kind: 'call',
      answerMs: 10_000,
    });
    expect(exchangePolicy('GET', '/v1.41/system/df')).toMatchObject({ kind: 'call', answerMs: d.slowReadMs });
  });

  it('lets streams be silent once they answered, but not before', () => {
    for (const path of [
      '/v1.41/events?since=1',
      '/v1.41/containers/abc/logs?follow=1&tail=10',
      '/v1.41/containers/abc/logs?stdout=1',
      '/v1.41/containers/abc/stats',
      '/v1.41/images/tiny%3Alatest/get',
      '/v1.41/containers/abc/archive?path=%2Fdata',
    ])
      expect(exchangePolicy('GET', path), path).toMatchObject({ kind: 'stream', answerMs: d.readAnswerMs });
    // A bounded tail and a one-shot stats sample are calls (read whole, capped).
    expect(exchangePolicy('GET', '/v1.41/containers/abc/logs?tail=40&follow=false').kind).toBe('call');
    expect(exchangePolicy('GET', '/v1.41/containers/abc/stats?stream=false&one-shot=true').kind).toBe('call');
  });

  it('gives changes what they need: the stop timeout, long ones for commit/load/upload', () => {
    expect(exchangePolicy('POST', '/v1.41/containers/abc/stop?t=600').answerMs).toBe(
      600_000 + d.changeAnswerMs,
    );
    expect(exchangePolicy('POST', '/v1.41/containers/abc/restart').answerMs).toBe(d.longChangeMs);
    expect(exchangePolicy('POST', '/v1.41/commit?container=abc')).toMatchObject({ answerMs: d.longChangeMs });
    expect(exchangePolicy('POST', '/v1.41/images/load')).toMatchObject({
      kind: 'stream',
      answerMs: d.longChangeMs,
    });
    expect(exchangePolicy('PUT', '/v1.41/containers/abc/archive?path=%2F')).toMatchObject({
      answerMs: d.longChangeMs,
    });
    expect(exchangePolicy('POST', '/v1.41/containers/abc/wait')).toMatchObject({ kind: 'stream' });
    expect(exchangePolicy('POST', '/v1.41/exec/e1/start')).toMatchObject({ kind: 'stream' });
    expect(exchangePolicy('DELETE', '/v1.41/containers/abc?force=true')).toMatchObject({
      kind: 'call',
      answerMs: d.changeAnswerMs,
    });
  });

  it('names requests without version prefix or query', () => {
    expect(requestLabel('get', '/v1.41/containers/json?all=1')).toBe('GET /containers/json');
    expect(requestLabel('GET', '/_ping')).toBe('GET /_ping');
  });
});

describe('what the transport says when a daemon misbehaves', () => {
  it('says SSH answered and the daemon did not, naming the socket and the wait', () => {
    const err = toHostApiError('lab-1', new DaemonSilentError('GET /_ping', 12_000, 'answer'), {
      what: 'GET /_ping',
      socketPath: '/var/run/docker.sock',
      transport: 'ssh',
    });
    expect(err.problem).toEqual({
      code: 'daemon-not-answering',
      message:
        'lab-1: SSH up, Docker daemon at /var/run/docker.sock not answering for 12 s (GET /_ping unanswered) — dockerd may be hung or overloaded — check it on the host (systemctl status docker)',
    });
  });

  it('keeps SSH down, socket missing and a channel sshd never opened apart from a hung daemon', () => {
    const ctx = { what: 'GET /_ping', socketPath: '/var/run/docker.sock', transport: 'ssh' as const };
    expect(toHostApiError('h', new SshError('connection-refused', 'refused'), ctx).problem.code).toBe(
      'connection-refused',
    );
    expect(toHostApiError('h', new SshError('socket-missing', 'gone'), ctx).problem.code).toBe(
      'socket-missing',
    );
    expect(toHostApiError('h', new SshError('timeout', 'sshd on x did not open'), ctx).problem.code).toBe(
      'timeout',
    );
  });

  it('reports answers, stream objects and command output past their caps as response-too-large', () => {
    const ctx = { what: 'GET /events' };
    expect(
      toHostApiError('h', new AnswerTooLargeError('GET /info', 16 * 1024 * 1024, 'answer'), ctx).problem,
    ).toEqual({
      code: 'response-too-large',
      message: expect.stringContaining("h: Docker's answer to GET /info passed 16.78 MB"),
    });
    expect(toHostApiError('h', new JsonObjectTooLargeError(1024 * 1024), ctx).problem.code).toBe(
      'response-too-large',
    );
    expect(toHostApiError('h', new SshOutputLimitError('root@h:22', 'yes', 10), ctx).problem).toEqual({
      code: 'response-too-large',
      message: 'h: command on root@h:22 printed more than 10 bytes, so it was stopped: yes',
    });
  });
});

describe('JsonObjectSplitter caps one object', () => {
  it('throws once an unfinished object passes the cap, holding no more than that', () => {
    const splitter = new JsonObjectSplitter(1000);
    expect(splitter.push('{"a":1}{"b":"')).toEqual([{ a: 1 }]);
    expect(() => {
      for (let i = 0; i < 100; i++) splitter.push('x'.repeat(100));
    }).toThrow(JsonObjectTooLargeError);
  });

  it('drops junk between objects without holding it', () => {
    const splitter = new JsonObjectSplitter(100);
    for (let i = 0; i < 50; i++) expect(splitter.push('garbage "quoted" '.repeat(10))).toEqual([]);
    expect(splitter.push('{"ok":true}')).toEqual([{ ok: true }]);
  });
});
