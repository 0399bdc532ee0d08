from __future__ import annotations

RULE = "cloudfront-custom-ssl-certificate"
CERTIFICATE = {
    "ACMCertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/1b2c",
    "SSLSupportMethod": "sni-only",
    "MinimumProtocolVersion": "TLSv1.2_2021",
}


def test_default_certificate_is_non_compliant(distribution, evaluate_rule):
    assert evaluate_rule(RULE, distribution(RULE)).compliance == "NON_COMPLIANT"


def test_acm_certificate_is_compliant_in_config_shape(config_shaped, evaluate_rule):
    result = evaluate_rule(RULE, config_shaped())
    assert result.compliance == "COMPLIANT"
    assert "certificate/1b2c" in result.annotation


def test_collector_spells_acronyms_as_config_does(distribution):
    item = distribution(RULE, ViewerCertificate=CERTIFICATE)
    certificate = item.configuration["distributionConfig"]["viewerCertificate"]
    assert certificate["acmCertificateArn"] == CERTIFICATE["ACMCertificateArn"]
    assert certificate["sslSupportMethod"] == "sni-only"


def test_other_types_are_not_applicable(config_item, evaluate_rule):
    assert evaluate_rule(RULE, config_item("AWS::S3::Bucket", "b")).compliance == "NOT_APPLICABLE"
