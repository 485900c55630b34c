#!/usr/bin/env python3
"""Generates the labelled detector corpus (detectors/src/test/resources/corpus/detectors.jsonl).

Every value is synthetic: numbers are random with computed check digits, e-mail addresses use
reserved example domains, phone numbers use fictional ranges where a country has them, keys and
tokens are random characters in the providers' documented shapes. Negative cases are look-alikes
built to fail (wrong check digit, missing context, wrong length, placeholders).

Each line: {"id", "lang", "text", "hits": [{"type", "start", "end"}]}, offsets in UTF-16 units.
Run from the repository root:  python3 detectors/src/test/python/generate_corpus.py
"""
import base64
import json
import os
import random
import string

R = random.Random(20261123)
OUT = os.path.join(os.path.dirname(__file__), '..', 'resources', 'corpus', 'detectors.jsonl')

UPPER = string.ascii_uppercase
ALNUM = string.ascii_letters + string.digits
TOKEN = ALNUM + '_-'
B64 = ALNUM + '+/'


def rand(chars, n):
    return ''.join(R.choice(chars) for _ in range(n))


def mixed(chars, n):
    while True:
        v = rand(chars, n)
        if any(c.isupper() for c in v) and any(c.islower() for c in v) and any(c.isdigit() for c in v):
            return v


def digits(n):
    return ''.join(R.choice(string.digits) for _ in range(n))


# --- check digits -----------------------------------------------------------------------------

def luhn_ok(number):
    total, twice = 0, False
    for ch in reversed(number):
        d = int(ch)
        if twice:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
        twice = not twice
    return total % 10 == 0


def luhn_complete(prefix, length):
    body = prefix + digits(length - len(prefix) - 1)
    for check in string.digits:
        if luhn_ok(body + check):
            return body + check


def luhn_break(number):
    bad = str((int(number[-1]) + R.randint(1, 9)) % 10)
    return number[:-1] + bad


TW_CODES = dict(zip(UPPER, [10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29,
                            32, 30, 31, 33]))


def tw_sum(letter, second_value, rest8):
    code = TW_CODES[letter]
    total = code // 10 + (code % 10) * 9 + second_value * 8
    for k, ch in enumerate(rest8[:7]):
        total += int(ch) * (7 - k)
    return total + int(rest8[7])


def tw_id(second, valid=True):
    letter = R.choice(UPPER)
    value = TW_CODES[second] % 10 if second.isalpha() else int(second)
    body = digits(7)
    for check in string.digits:
        ok = tw_sum(letter, value, body + check) % 10 == 0
        if ok == valid:
            return letter + second + body + check


def ubn_sum(number):
    weights = [1, 2, 1, 2, 1, 2, 4, 1]
    return sum(p // 10 + p % 10 for p in (int(d) * w for d, w in zip(number, weights)))


def ubn_ok(number):
    s = ubn_sum(number)
    return s % 5 == 0 or (number[6] == '7' and (s + 1) % 5 == 0)


def ubn(valid=True, seventh_seven=False):
    while True:
        n = digits(6) + ('7' if seventh_seven else R.choice('012345689')) + digits(1)
        if n[0] == '0' and R.random() < 0.7:
            continue
        if ubn_ok(n) == valid and (not seventh_seven or ubn_sum(n) % 5 != 0):
            return n


IBAN_FORMATS = {  # country: BBAN shape (n = digit, a = upper letter, c = alnum upper)
    'DE': 'n' * 18, 'GB': 'aaaa' + 'n' * 14, 'FR': 'n' * 10 + 'c' * 11 + 'nn', 'NL': 'aaaa' + 'n' * 10,
    'ES': 'n' * 20, 'IT': 'a' + 'n' * 10 + 'c' * 12, 'BE': 'n' * 12, 'CH': 'n' * 5 + 'c' * 12,
    'AT': 'n' * 16, 'PL': 'n' * 24, 'SE': 'n' * 20, 'NO': 'n' * 11,
}


def iban_check(country, bban):
    rearranged = bban + country + '00'
    value = int(''.join(str(int(c, 36)) for c in rearranged))
    return '%02d' % (98 - value % 97)


def iban(valid=True, printed=False, country=None):
    country = country or R.choice(sorted(IBAN_FORMATS))
    shape = IBAN_FORMATS[country]
    bban = ''.join(R.choice(string.digits) if s == 'n' else R.choice(UPPER) if s == 'a'
                   else R.choice(string.digits + UPPER) for s in shape)
    check = iban_check(country, bban)
    if not valid:
        check = '%02d' % ((int(check) + R.randint(1, 50)) % 97 + 2 if int(check) < 97 else 3)
        if check == iban_check(country, bban):
            check = '%02d' % (int(check) + 1)
    value = country + check + bban
    if printed:
        value = ' '.join(value[k:k + 4] for k in range(0, len(value), 4))
    return value


# --- value generators by type -----------------------------------------------------------------

FIRST = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'peggy',
         'trent', 'victor', 'wen', 'yuting', 'chihao', 'meiling', 'jianhong', 'shufen']
LAST = ['wang', 'chen', 'lin', 'huang', 'chang', 'lee', 'wu', 'liu', 'tsai', 'yang', 'smith', 'jones']
DOMAINS = ['example.com', 'example.org', 'example.net', 'example.com.tw', 'mail.example.com', 'corp.example.tw',
           'test.example.co.uk']


def email():
    local = R.choice(FIRST) + R.choice(['.', '_', '', '+', '-']) + R.choice(LAST)
    if R.random() < 0.3:
        local += str(R.randint(1, 99))
    return local + '@' + R.choice(DOMAINS)


def phone():
    kind = R.randint(0, 9)
    m = '09' + digits(2)
    rest = digits(6)
    if kind == 0:
        return m + '-' + rest[:3] + '-' + rest[3:]
    if kind == 1:
        return m + ' ' + rest[:3] + ' ' + rest[3:]
    if kind == 2:
        return m + rest
    if kind == 3:
        return '+886 9' + m[2:] + ' ' + rest[:3] + ' ' + rest[3:]
    if kind == 4:
        return '+886-9' + m[2:] + '-' + rest[:3] + '-' + rest[3:]
    if kind == 5:
        return R.choice(['(02) ', '(02)', '02-']) + R.choice('2345678') + digits(3) + '-' + digits(4)
    if kind == 6:
        return R.choice(['07-', '(07) ', '06-', '(04) ', '05-']) + R.choice('2345678') + digits(2) + '-' + digits(4)
    if kind == 7:
        return '+886 2 ' + R.choice('2345678') + digits(3) + ' ' + digits(4)
    if kind == 8:
        return R.choice(['+1 ', '+1-']) + R.choice(['212', '415', '646', '303']) + '-555-01' + digits(2)
    return R.choice(['+44 20 7946 0', '+81 3-5555-', '+49 30 1234']) + digits(3)


def card():
    brand = R.randint(0, 5)
    if brand == 0:
        n = luhn_complete('4', 16)
    elif brand == 1:
        n = luhn_complete(str(R.randint(51, 55)), 16)
    elif brand == 2:
        n = luhn_complete(R.choice(['34', '37']), 15)
        return R.choice([n, n[:4] + ' ' + n[4:10] + ' ' + n[10:], n[:4] + '-' + n[4:10] + '-' + n[10:]])
    elif brand == 3:
        n = luhn_complete(str(R.randint(3528, 3589)), 16)
    elif brand == 4:
        n = luhn_complete('62' + digits(2), 16)
    else:
        n = luhn_complete(str(R.randint(2221, 2720)), 16)
    sep = R.choice(['', ' ', '-'])
    return sep.join(n[k:k + 4] for k in range(0, 16, 4))


def ipv4():
    kind = R.randint(0, 3)
    if kind == 0:
        return '192.0.2.%d' % R.randint(1, 254)
    if kind == 1:
        return '198.51.100.%d' % R.randint(1, 254)
    if kind == 2:
        return '10.%d.%d.%d' % (R.randint(0, 255), R.randint(0, 255), R.randint(1, 254))
    return '203.0.113.%d' % R.randint(1, 254)


def ipv6():
    groups = ['%x' % R.randint(0, 0xffff) for _ in range(6)]
    kind = R.randint(0, 2)
    if kind == 0:
        return '2001:db8:' + ':'.join(groups)
    if kind == 1:
        return '2001:db8::' + ':'.join(groups[:2])
    return 'fe80::' + ':'.join(groups[:3])


def base32(n):
    return rand(UPPER + '234567', n)


def jwt():
    header = {'alg': R.choice(['HS256', 'RS256', 'ES256']), 'typ': 'JWT'}
    payload = {'sub': digits(8), 'name': R.choice(FIRST).title(), 'iat': R.randint(1600000000, 1800000000)}
    enc = lambda obj: base64.urlsafe_b64encode(json.dumps(obj, separators=(',', ':')).encode()).decode().rstrip('=')
    return enc(header) + '.' + enc(payload) + '.' + rand(TOKEN, 43)


def pem():
    label = R.choice(['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY'])
    lines = [rand(B64, 64) for _ in range(R.randint(3, 6))] + [rand(B64, R.randint(10, 60)) + '==']
    return '-----BEGIN %s-----\n%s\n-----END %s-----' % (label, '\n'.join(lines), label)


def password():
    return mixed(ALNUM, R.randint(8, 14)) + R.choice(['!', '#', '', '_', '9'])


# --- templates --------------------------------------------------------------------------------

cases = []


def add(lang, parts, note=''):
    """parts: strings and (type, value) tuples; a tuple with type None is inserted unlabelled."""
    text = ''
    hits = []
    for part in parts:
        if isinstance(part, tuple):
            kind, value = part
            start = len(text.encode('utf-16-le')) // 2
            text += value
            if kind:
                hits.append({'type': kind, 'start': start, 'end': start + len(value.encode('utf-16-le')) // 2})
        else:
            text += part
    cases.append({'id': 'c%03d' % (len(cases) + 1), 'lang': lang, 'text': text, 'hits': hits, 'note': note})


def positives():
    for _ in range(8):
        add('en', ['Please reply to ', ('EMAIL', email()), ' before Friday.'])
        add('zh', ['請把報表寄到', ('EMAIL', email()), '，謝謝。'])
    for _ in range(10):
        add('en', ['Call me at ', ('PHONE', phone()), ' after 6pm.'])
        add('zh', ['客戶電話：', ('PHONE', phone()), '，請於週五前回電。'])
    for k in range(8):
        add('zh', ['申請人身分證字號 ', ('TW_NATIONAL_ID', tw_id(R.choice('12'))), '，出生於台中。'])
        add('en', ['Applicant national ID: ', ('TW_NATIONAL_ID', tw_id(R.choice('12'))), '.'])
    for k in range(6):
        add('zh', ['外籍員工居留證號碼', ('TW_RESIDENT_CERT', tw_id(R.choice('89'))), '已更新。'])
        add('en', ['ARC number ', ('TW_RESIDENT_CERT', tw_id(R.choice('ABCD'))), ' expires next year.'])
    for k in range(7):
        add('zh', ['發票抬頭：範例股份有限公司，統一編號：', ('TW_UBN', ubn()), '。'])
        add('en', ['Invoice to Example Ltd., UBN ', ('TW_UBN', ubn(seventh_seven=k < 4)), ', Taipei.'])
    add('zh', ['統編', ('TW_UBN', ubn(seventh_seven=True)), '的公司資料請更新'])
    for _ in range(8):
        add('en', ['Charge the card ', ('CREDIT_CARD', card()), ' exp 09/28 for the renewal.'])
        add('zh', ['信用卡號 ', ('CREDIT_CARD', card()), '，有效期限 09/28。'])
    for _ in range(6):
        add('en', ['Wire the refund to IBAN ', ('IBAN', iban(printed=R.random() < 0.5)), ' today.'])
        add('zh', ['匯款帳號（IBAN）：', ('IBAN', iban(printed=R.random() < 0.5)), '，受款人王小明。'])
    for _ in range(7):
        add('en', ['The login came from ', ('IPV4', ipv4()), ' at 03:12 UTC.'])
        add('zh', ['異常連線來源 IP ', ('IPV4', ipv4()), '，請封鎖。'])
    for _ in range(6):
        add('en', ['Server address ', ('IPV6', ipv6()), ' is unreachable.'])
        add('zh', ['主機位址為 ', ('IPV6', ipv6()), ' 請確認。'])
    for _ in range(6):
        add('en', ['export AWS_ACCESS_KEY_ID=', ('AWS_ACCESS_KEY', R.choice(['AKIA', 'ASIA']) + base32(16)), '\n'])
        add('zh', ['這是我們的金鑰 ', ('AWS_ACCESS_KEY', 'AKIA' + base32(16)), ' 幫我看看權限'])
    for _ in range(6):
        add('en', ['[default]\naws_secret_access_key = ', ('AWS_SECRET_KEY', mixed(B64, 40)), '\nregion = ap-east-1'])
        add('zh', ['設定檔 "SecretAccessKey": "', ('AWS_SECRET_KEY', mixed(B64, 40)), '" 為什麼無效？'])
    for _ in range(6):
        add('en', ['const key = "', ('GCP_API_KEY', 'AIza' + mixed(TOKEN, 35)), '";'])
        add('zh', ['地圖 API 金鑰 ', ('GCP_API_KEY', 'AIza' + mixed(TOKEN, 35)), ' 突然失效了'])
    for _ in range(6):
        add('en', ['git clone https://', ('GITHUB_TOKEN', R.choice(['ghp_', 'gho_', 'ghs_']) + mixed(ALNUM, 36)),
                   '@github.com/example/repo.git'])
        add('zh', ['我的 token 是 ', ('GITHUB_TOKEN', 'github_pat_' + mixed(ALNUM + '_', 82)), '，幫我除錯'])
    for _ in range(6):
        add('en', ['OPENAI_API_KEY=', ('OPENAI_API_KEY', 'sk-proj-' + mixed(TOKEN, R.randint(100, 150))), '\n'])
        add('zh', ['程式裡寫死了 ', ('OPENAI_API_KEY', 'sk-' + mixed(ALNUM, 48)), ' 要怎麼改成環境變數？'])
    for _ in range(6):
        add('en', ['client = Anthropic(api_key="', ('ANTHROPIC_API_KEY', 'sk-ant-api03-' + mixed(TOKEN, 93) + 'AA'),
                   '")'])
        add('zh', ['金鑰 ', ('ANTHROPIC_API_KEY', 'sk-ant-admin01-' + mixed(TOKEN, 80) + 'AA'), ' 可以分享嗎'])
    for _ in range(6):
        add('en', ['SLACK_BOT_TOKEN=', ('SLACK_TOKEN', 'xoxb-' + digits(12) + '-' + digits(13) + '-' + mixed(ALNUM, 24)),
                   ' is in the env file'])
        add('zh', ['通知用 webhook：', ('SLACK_TOKEN', 'https://hooks.slack.com/services/T' + rand(UPPER + string.digits, 8)
                                     + '/B' + rand(UPPER + string.digits, 10) + '/' + mixed(ALNUM, 24)), ' 請勿外流'])
    for _ in range(6):
        add('en', ['stripe.api_key = "', ('STRIPE_KEY', R.choice(['sk_live_', 'sk_test_', 'rk_live_']) + mixed(ALNUM, R.randint(24, 99))), '"'])
        add('zh', ['正式環境金鑰 ', ('STRIPE_KEY', 'sk_live_' + mixed(ALNUM, 24)), ' 不小心貼出來了'])
    for _ in range(6):
        add('en', ['Here is the key file:\n', ('PRIVATE_KEY', pem()), '\nWhy does ssh reject it?'])
        add('zh', ['私鑰內容如下\n', ('PRIVATE_KEY', pem()), '\n請幫我轉成 PKCS8 格式'])
    for _ in range(6):
        add('en', ['Authorization: Bearer ', ('JWT', jwt()), '\nReturns 401, why?'])
        add('zh', ['這個 token ', ('JWT', jwt()), ' 解出來的 payload 是什麼？'])
    for _ in range(4):
        add('en', ['jdbc:mysql://db.example.com:3306/app?user=app&password=', ('PASSWORD', password()), '&useSSL=true'])
        add('en', ['Server=tcp:sql.example.com,1433;Database=crm;User ID=sa;Password=', ('PASSWORD', password()), ';'])
        add('zh', ['連線字串 postgres://admin:', ('PASSWORD', password()), '@db.example.com:5432/prod 連不上'])
        add('zh', ['設定 {"user": "app", "password": "', ('PASSWORD', password()), '"} 是否正確？'])
    markers = ['機密', '密件', '限閱', 'CONFIDENTIAL']
    for k in range(12):
        m = markers[k % 4]
        if k % 2:
            add('zh', ['【', ('CONFIDENTIAL', m), '】第三季營收預估，請勿轉寄。'])
        else:
            add('en', ['This memo is marked ', ('CONFIDENTIAL', m if m.isascii() else 'Confidential'),
                       ' and must not leave the company.'])


def mixed_positives():
    for _ in range(12):
        add('zh', ['您好，我是王小明（', ('TW_NATIONAL_ID', tw_id('1')), '），電話 ', ('PHONE', phone()),
                   '，Email ', ('EMAIL', email()), '。請協助查詢卡號 ', ('CREDIT_CARD', card()), ' 的帳單。'])
        add('en', ['Deploy notes: host ', ('IPV4', ipv4()), ', key ', ('AWS_ACCESS_KEY', 'AKIA' + base32(16)),
                   ', contact ', ('EMAIL', email()), '. This document is ', ('CONFIDENTIAL', 'CONFIDENTIAL'), '.'])


def negatives():
    for _ in range(10):
        add('zh', ['身分證字號 ', (None, tw_id(R.choice('12'), valid=False)), ' 檢查碼錯誤'], 'wrong check digit')
        add('en', ['Resident certificate ', (None, tw_id(R.choice('89AB'), valid=False)), ' was rejected'],
            'wrong check digit')
    for _ in range(8):
        add('zh', ['統一編號 ', (None, ubn(valid=False)), ' 查無此公司'], 'UBN wrong checksum')
        add('en', ['Order number ', (None, ubn()), ' shipped on 2024-03-02.'], 'valid UBN checksum, no context')
        add('zh', ['訂單編號 ', (None, digits(8)), '，預計三日內出貨。'], 'order number')
    for _ in range(10):
        number = luhn_break(luhn_complete('4', 16))
        add('en', ['Card ', (None, ' '.join(number[k:k + 4] for k in range(0, 16, 4))), ' was declined (typo).'],
            'Luhn fails')
        add('zh', ['物流追蹤號碼 ', (None, R.choice(['1Z', 'TW']) + rand(UPPER + string.digits, 16)), ' 已出貨'],
            'tracking number')
    for _ in range(8):
        add('en', ['IBAN ', (None, iban(valid=False, printed=R.random() < 0.5)), ' failed validation.'],
            'IBAN wrong check digits')
    for _ in range(10):
        add('en', ['Build ', (None, '%d.%d.%d' % (R.randint(0, 20), R.randint(0, 20), R.randint(0, 99))),
                   ' released on ', (None, '2024-%02d-%02dT%02d:%02d:%02dZ' % (R.randint(1, 12), R.randint(1, 28),
                                                                                R.randint(0, 23), R.randint(0, 59), R.randint(0, 59))), '.'],
            'version and timestamp')
        add('zh', ['版本 v', (None, '%d.%d.%d.%d' % (R.randint(1, 9), R.randint(0, 9), R.randint(0, 9), R.randint(0, 999))),
                   ' 於 ', (None, '%d/%02d/%02d %02d:%02d' % (R.randint(2020, 2026), R.randint(1, 12), R.randint(1, 28),
                                                            R.randint(0, 23), R.randint(0, 59))), ' 上線'],
            'version string and date')
    for _ in range(8):
        isbn = '978-986-' + digits(3) + '-' + digits(3) + '-' + digits(1)
        add('en', ['ISBN ', (None, isbn), ', page 12-34.'], 'ISBN')
        add('zh', ['檔案雜湊值 ', (None, rand('0123456789abcdef', R.choice([32, 40, 64]))), ' 比對一致'], 'hash')
    for _ in range(6):
        add('en', ['Commit ', (None, rand('0123456789abcdef', 40)), ' fixed the secret rotation bug.'],
            'git hash near the word secret')
        add('en', ['Request id ', (None, '%08x-%04x-4%03x-a%03x-%012x' % (R.getrandbits(32), R.getrandbits(16),
                                                                         R.getrandbits(12), R.getrandbits(12), R.getrandbits(48))),
                   ' timed out at 12:30:45.'], 'UUID and time')
    for _ in range(5):
        add('zh', ['電話號碼 ', (None, '01-' + digits(4) + '-' + digits(4)), ' 不是有效區碼'], 'invalid area code')
        add('en', ['Reference ', (None, '0912-' + digits(3) + '-' + digits(4)), ' (11 digits) is not a phone.'],
            'too many digits')
        add('en', ['Meeting 2024-05-17, room ', (None, digits(3)), ', ticket #', (None, digits(6)), '.'],
            'dates and short numbers')
    for _ in range(5):
        add('en', ['password=', (None, R.choice(['${DB_PASSWORD}', '****', '<password>', '{{ secret }}', 'xxxxxx'])),
                   ' in the template'], 'password placeholder')
        add('en', ['The token looks like sk-', (None, 'your-key-here'), ' in the docs.'], 'sk- placeholder')
        add('zh', ['範例金鑰 ', (None, 'AKIA' + base32(10)), ' 太短'], 'short access key')
        add('en', ['Base64 blob ', (None, mixed(B64, 40)), ' without context.'], '40 base64 chars, no secret context')
        add('en', ['-----BEGIN CERTIFICATE-----\n', (None, rand(B64, 64)), '\n-----END CERTIFICATE-----'],
            'certificate, not a key')
    for _ in range(5):
        add('en', ['Use std::vector and ', (None, '%02d:%02d:%02d' % (R.randint(0, 23), R.randint(0, 59), R.randint(0, 59))),
                   ' or MAC ', (None, ':'.join('%02X' % R.randint(0, 255) for _ in range(6))), '.'], 'not IPv6')
        add('en', ['Address ', (None, '%d.%d.%d.%d' % (R.randint(256, 999), R.randint(0, 255), R.randint(0, 255), R.randint(0, 255))),
                   ' and 1.2.3.4.5 are invalid.'], 'not IPv4')
        add('en', ['See icon@2x.png, the npm package @scope/pkg and lodash@4.17.21.'], 'not e-mail')
        add('en', ['ghp_' + mixed(ALNUM, 20) + ' is a truncated token, eyJhbGciOi.notajwt.x too.'], 'truncated tokens')
        add('zh', ['本文件不涉及機要，請放心分享；confidentiality agreement 已簽。'], 'near-miss markers')


def realistic():
    """Hand-written shapes seen in real prompts: JSON, env files, signatures, invoices, logs."""
    for _ in range(4):
        add('zh', ['寄件者：王小明 <', ('EMAIL', email()), '>\n手機 ', ('PHONE', '09' + digits(8)), '\nTEL:',
                   ('PHONE', '(04)2' + digits(3) + '-' + digits(4)), '#123'])
        add('en', ['{"name":"Wang","id":"', ('TW_NATIONAL_ID', tw_id('1')), '","card":"', ('CREDIT_CARD', luhn_complete('4', 16)),
                   '","mail":"', ('EMAIL', email().upper()), '"}'])
        add('zh', ['營業人統一編號：', ('TW_UBN', ubn()), '　發票號碼：', (None, R.choice(UPPER) + R.choice('ABCD') + '-' + digits(8)),
                   '　金額 NT$', (None, '%d,%03d' % (R.randint(1, 99), R.randint(0, 999))), ''])
        add('en', ['.env\nDB_HOST=', ('IPV4', ipv4()), '\nDB_PASSWORD=', ('PASSWORD', password()), '\nOPENAI_API_KEY=',
                   ('OPENAI_API_KEY', 'sk-proj-' + mixed(TOKEN, 120)), '\nLOG_LEVEL=debug'])
        add('zh', ['附件為【極', ('CONFIDENTIAL', '機密'), '】文件，', ('CONFIDENTIAL', '限閱'), '人員：財務部。'])
        add('en', ['Open http://[', ('IPV6', '2001:db8::' + '%x' % R.randint(1, 0xffff)), ']:8080/ and GUI number ',
                   ('TW_UBN', ubn()), ' on the form.'])
        add('zh', ['居留證號碼：', ('TW_RESIDENT_CERT', tw_id(R.choice('ABCD'))), '（舊式）與新式 ',
                   ('TW_RESIDENT_CERT', tw_id(R.choice('89'))), ' 都要登記。'])
    for _ in range(10):
        add('zh', ['發票號碼 ', (None, R.choice(UPPER) + R.choice('ABCD') + digits(8)), '，請於月底前對獎。'],
            'e-invoice number shaped like an old resident certificate')
    for _ in range(3):
        add('en', ['Chrome/', (None, '%d.0.%d.%d' % (R.randint(100, 130), R.randint(1000, 9999), R.randint(10, 200))),
                   ' at 09:00-18:00, zip 106', digits(2), ', color #ff', digits(4), '.'], 'user agent, hours, zip')
        add('zh', ['序號 SN: A1B2-', (None, rand(UPPER + string.digits, 4)), '，SK-hynix 與 sk-hynix-memory 記憶體，ghp_ 是前綴。'],
            'serial numbers and prefixes in prose')
        add('en', ['password: please reset it via the portal; secret santa list ', (None, rand(string.ascii_lowercase, 40)), '.'],
            'prose about passwords and secrets')
        add('zh', ['統一編號 ', ('TW_UBN', ubn()), '，訂單 #', (None, digits(10)), '，發票 AB-', (None, digits(8)), '。'],
            'UBN next to other numbers')
        add('en', ['See section ', (None, '%d.%d.%d.%d' % (R.randint(1, 9), R.randint(1, 9), R.randint(1, 9), R.randint(1, 9))),
                   ' and build ', (None, '%d.%d.%d.%d' % (R.randint(1, 9), R.randint(0, 9), R.randint(0, 9), R.randint(0, 255))),
                   ' of the spec; the server is ', ('IPV4', ipv4()), '.'], 'section and build numbers beside an address')


def ordinary():
    """Ordinary prompts full of numbers, links and code that hold nothing to report."""
    for _ in range(4):
        price, pct, year = R.randint(100, 99999), R.randint(1, 99), R.randint(2019, 2026)
        add('zh', ['請幫我摘要這份報告：%d 年第 %d 季營收 NT$%s 元，年增 %d%%，毛利率 %d.%d%%；'
                   '預計 %d/%02d/%02d 14:30 在 3 樓會議室討論，會議代碼 %d %d %d。' % (
                       year, R.randint(1, 4), '{:,}'.format(price * 1000), pct, R.randint(10, 60), R.randint(0, 9),
                       year, R.randint(1, 12), R.randint(1, 28), R.randint(100, 999), R.randint(100, 999), R.randint(1000, 9999))])
        add('en', ['Upgrade from v%d.%d.%d to %d.%d.%d broke the build: see https://github.com/example/repo/issues/%d '
                   'and the log at /var/log/app/%d-%02d-%02d.log (line %d, commit %s).' % (
                       R.randint(1, 9), R.randint(0, 20), R.randint(0, 20), R.randint(1, 9), R.randint(0, 20), R.randint(0, 20),
                       R.randint(1, 99999), R.randint(2020, 2026), R.randint(1, 12), R.randint(1, 28), R.randint(1, 9999),
                       rand('0123456789abcdef', 7))])
        add('en', ['def total(items):\n    return sum(i.price * i.qty for i in items)  # %d items, %0.2f avg\n'
                   'assert total([]) == 0\nprint(f"{x:>10} | {y:08.3f}")  # width=%d, 0x%04X' % (
                       R.randint(2, 500), R.random() * 100, R.randint(4, 40), R.randint(0, 65535))])
        add('zh', ['物理題：一顆球以 %d.%d m/s 拋出，角度 %d°，g = 9.8 m/s²，求 %d 秒後的高度；'
                   '答案取到小數點後 2 位，例如 12.34 或 -5.67。ISBN 978-%d-%d-%d-%d。' % (
                       R.randint(1, 50), R.randint(0, 9), R.randint(10, 80), R.randint(1, 9),
                       R.randint(0, 9), R.randint(100, 999), R.randint(10000, 99999), R.randint(0, 9))])
        add('en', ['Flight CI %d departs %02d:%02d from gate B%d, seat %d%s; booking ref %s, ticket %s, '
                   'loyalty tier %d/%d, temperature %d°C, humidity %d%%.' % (
                       R.randint(100, 999), R.randint(0, 23), R.randint(0, 59), R.randint(1, 9), R.randint(1, 60),
                       R.choice('ABCDEF'), rand(UPPER, 6), '297' + digits(10), R.randint(1, 5), 5, R.randint(-5, 38),
                       R.randint(10, 99))], 'travel numbers')


positives()
mixed_positives()
negatives()
realistic()
ordinary()
with open(OUT, 'w', encoding='utf-8') as f:
    for case in cases:
        f.write(json.dumps(case, ensure_ascii=False) + '\n')
print('%d cases written to %s' % (len(cases), os.path.normpath(OUT)))
