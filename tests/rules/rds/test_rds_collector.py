"""The RDS collector finds a resource by the id Config uses as well as by the identifier CloudTrail names."""

from botocore.stub import Stubber

from warden.collectors import collector_for


def test_instance_is_found_by_config_resource_id(aws, db_instance):
    item = db_instance("rds-storage-encrypted")
    resource_id = item.configuration["dbiResourceId"]
    found = collector_for("AWS::RDS::DBInstance").read(aws.clients, "us-east-1", aws.account_id, resource_id)
    assert found is not None and found.resource_id == item.resource_id


def test_cluster_is_found_by_config_resource_id(aws):
    # moto has no db-cluster-resource-id filter: pin the call AWS answers.
    resource_id = "cluster-ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    cluster = {"DBClusterIdentifier": "orders", "DeletionProtection": True, "DbClusterResourceId": resource_id}
    with Stubber(aws.client("rds")) as stub:
        stub.add_response(
            "describe_db_clusters",
            {"DBClusters": [cluster]},
            {"Filters": [{"Name": "db-cluster-resource-id", "Values": [resource_id]}]},
        )
        found = collector_for("AWS::RDS::DBCluster").read(aws.clients, "us-east-1", aws.account_id, resource_id)
    assert found is not None and found.configuration["dbclusterIdentifier"] == "orders"


def test_a_deleted_instance_reads_as_gone(aws):
    collector = collector_for("AWS::RDS::DBInstance")
    assert collector.read(aws.clients, "us-east-1", aws.account_id, "no-such-db") is None
