"""The file formats on their own: periods in ADX, sniffing, and hostile XML refused."""

from __future__ import annotations

from unittest import TestCase

from ttdn.exchange import dhis2
from ttdn.lib.periods import PeriodError, parse_period_id

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="BDI-QN" period="2024-01-01/P1Y"
 dataSet="TTDN"><dataValue dataElement="press_conferences" value="&lol4;"/></group></adx>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE adx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="&secret;" period="2024-01-01/P1Y"
 dataSet="TTDN"/></adx>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE adx SYSTEM "http://example.com/adx.dtd">
<adx xmlns="urn:ihe:qrph:adx:2015"/>"""


class AdxPeriodTests(TestCase):
    def test_every_period_type_goes_to_adx_and_back(self):
        for period_id in ["202403", "2024Q2", "2024S2", "2024N9", "2024"]:
            period = parse_period_id(period_id)
            self.assertEqual(dhis2.period_from_adx(dhis2.adx_period(period)), period)
        self.assertEqual(dhis2.adx_period(parse_period_id("2024S2")), "2024-07-01/P6M")

    def test_a_start_no_period_begins_on_is_refused(self):
        with self.assertRaises(PeriodError):
            dhis2.period_from_adx("2024-02-01/P6M")
        with self.assertRaises(PeriodError):
            dhis2.period_from_adx("2024")


class ReadTests(TestCase):
    def test_the_format_is_known_from_the_content_whatever_the_name(self):
        self.assertEqual(dhis2.sniff("x.txt", b' {"dataValues": []}'), "dvs-json")
        self.assertEqual(dhis2.sniff("x.txt", b"<adx/>"), "adx")
        self.assertEqual(dhis2.sniff("x.txt", b"dataelement,period,orgunit\n"), "dvs-csv")
        self.assertEqual(dhis2.sniff("x.csv", "Mã chỉ tiêu,Mã phân tổ\n".encode()), "table")
        self.assertEqual(dhis2.sniff("x.bin", b"PK\x03\x04"), "table")

    def test_json_values_take_the_period_and_unit_given_at_the_top(self):
        lines = dhis2.read_json(
            b'{"period": "2024S1", "orgUnit": "BDI-QN", "dataValues": '
            b'[{"dataElement": "press_conferences", "value": 4}]}'
        )
        self.assertEqual(
            (lines[0].period, lines[0].org_unit, lines[0].value), ("2024S1", "BDI-QN", "4")
        )

    def test_json_that_is_not_a_data_value_set_is_refused(self):
        for data in [b"[1, 2]", b"{", b'{"dataValues": 3}']:
            with self.assertRaises(dhis2.FormatError):
                dhis2.read_json(data)

    def test_adx_with_entities_an_external_reference_or_a_dtd_is_refused(self):
        for data in [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD]:
            with self.assertRaises(dhis2.FormatError) as caught:
                dhis2.read_adx(data)
            self.assertIn("bị từ chối", str(caught.exception))

    def test_broken_xml_and_other_xml_are_refused_clearly(self):
        with self.assertRaisesRegex(dhis2.FormatError, "không đọc được"):
            dhis2.read_adx(b"<adx><group>")
        with self.assertRaisesRegex(dhis2.FormatError, "không phải ADX"):
            dhis2.read_adx(b"<html/>")

    def test_adx_lines_carry_their_category_options(self):
        lines = dhis2.read_adx(
            b'<adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="BDI-QN" '
            b'period="2024-01-01/P6M" dataSet="TTDN"><dataValue dataElement="x" '
            b'languages="languages_en" value="12.5"/></group></adx>'
        )
        self.assertEqual(lines[0].options, {"languages": "languages_en"})
        self.assertEqual((lines[0].period, lines[0].value), ("2024S1", "12.5"))
