"""Transit gateway VPC attachments and routes to a transit gateway, as strict as AWS.

moto 5.2.5 attaches a VPC to a transit gateway with any subnets (of another
VPC, several in one AZ), files the attachment's tags under the wrong resource
type (so they are lost and the provider plans to add them after every apply),
and routes to a transit gateway the VPC is not attached to. This mixin checks
before moto's own work, with AWS's answers:

* ``CreateTransitGatewayVpcAttachment``: every subnet exists and is in the VPC
  (``InvalidSubnetID.NotFound``, ``InvalidParameterValue``), at most one per
  Availability Zone ("You can specify only one subnet per Availability Zone",
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayVpcAttachment.html;
  AWS's code ``DuplicateSubnetsInSameZone``, as seen in
  https://github.com/zoitech/terraform-aws-network/issues/46); the
  ``transit-gateway-attachment`` tag specification is kept on the attachment.
* ``DeleteTransitGatewayVpcAttachment``: the attachment stays visible by ID in
  state ``deleted``, one of the states AWS reports
  (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayVpcAttachment.html)
  and the one the provider's delete waits for (moto forgets the attachment at
  once, so the provider gives up: "couldn't find resource"); a deleted
  attachment is no duplicate for a new one ("non-deleted Transit Gateway
  Attachments with same VPC ID", https://github.com/hashicorp/terraform-provider-aws/issues/10852).
* ``CreateRoute`` / ``ReplaceRoute`` with ``TransitGatewayId``: the route table's
  VPC must have an attachment to that transit gateway, or AWS answers
  ``InvalidTransitGatewayID.NotFound`` ("The transitGateway ID '...' does not
  exist", for a route created before the VPC's attachment:
  https://github.com/hashicorp/terraform-provider-aws/issues/10025,
  https://github.com/aws-ia/terraform-aws-vpc/issues/101).

* Route-table association and propagation. An attachment has at most one
  association ("You can associate only one route table with an attachment",
  https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateTransitGatewayRouteTable.html);
  a second ``AssociateTransitGatewayRouteTable`` is ``Resource.AlreadyAssociated``
  ("Transit Gateway Attachment ... is already associated to a route table",
  https://github.com/hashicorp/terraform-provider-aws/issues/16452). A new attachment
  is associated with (and propagates into) the gateway's default route tables only
  when the gateway's ``DefaultRouteTableAssociation`` (``...Propagation``) is
  ``enable`` (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayRequestOptions.html);
  moto files that default association where only the route table sees it, so
  disassociating it (what the provider does for
  ``transit_gateway_default_route_table_association = false``) failed, and never
  propagates by default. The route table must exist and belong to the attachment's
  gateway (``InvalidRouteTableID.NotFound``); association, disassociation and
  propagation are read back alike from the attachment (``Association``) and
  the route table (``GetTransitGatewayRouteTableAssociations`` / ``...Propagations``).

moto's attachments are ``available`` at once (a same-account transit gateway
accepts them); a transit gateway of another account is not imitated (plgen
refuses that blueprint: rule ``on-premises-gateway-owner``).
"""

from __future__ import annotations

from moto.ec2.exceptions import EC2ClientError

ALIVE = {"available", "pending", "pendingAcceptance", "modifying"}


class TransitGatewayResponse:
    """EC2 actions for transit gateway attachments and routes; ``self`` is moto's EC2 response for one request."""

    def create_transit_gateway_vpc_attachment(self):
        vpc_id, subnet_ids = self._get_param("VpcId"), self._get_param("SubnetIds", [])
        zones: dict[str, str] = {}
        for subnet_id in subnet_ids:
            subnet = next((s for zone in self.ec2_backend.subnets.values() for s in zone.values() if s.id == subnet_id), None)
            if subnet is None:
                raise EC2ClientError("InvalidSubnetID.NotFound", f"The subnet ID '{subnet_id}' does not exist")
            if subnet.vpc_id != vpc_id:
                raise EC2ClientError("InvalidParameterValue", f"Subnet {subnet_id} is not in VPC {vpc_id}")
            zone = subnet.availability_zone
            if zone in zones:
                raise EC2ClientError("DuplicateSubnetsInSameZone", "Duplicate Subnets for same AZ")
            zones[zone] = subnet_id
        result = super().create_transit_gateway_vpc_attachment()
        [attachment] = [
            a
            for a in self.ec2_backend.transit_gateway_attachments.values()
            if getattr(a, "vpc_id", None) == vpc_id and a.transit_gateway_id == self._get_param("TransitGatewayId") and a.state in ALIVE
        ]
        tags = self._parse_tag_specification().get("transit-gateway-attachment", {})
        if tags:
            self.ec2_backend.create_tags([attachment.id], tags)
        self._default_routing(attachment)
        return result

    def _default_routing(self, attachment) -> None:
        """The gateway's default association and propagation, as its options say (moto: a route-table-side association only)."""
        backend = self.ec2_backend
        options = backend.transit_gateways[attachment.transit_gateway_id].options
        table = attachment.transit_gateway_route_table
        backend.unset_route_table_association(table.id, attachment.id)
        attachment.transit_gateway_route_table = None
        if options.get("DefaultRouteTableAssociation") == "enable":
            backend.associate_transit_gateway_route_table(attachment.id, options["AssociationDefaultRouteTableId"])
            attachment.transit_gateway_route_table = backend.transit_gateways_route_tables[options["AssociationDefaultRouteTableId"]]
        if options.get("DefaultRouteTablePropagation") == "enable":
            backend.enable_transit_gateway_route_table_propagation(attachment.id, options["PropagationDefaultRouteTableId"])

    def _route_table_of_attachment(self):
        """(attachment, route table) of the request, both existing and of one transit gateway."""
        backend = self.ec2_backend
        attachment_id, table_id = self._get_param("TransitGatewayAttachmentId"), self._get_param("TransitGatewayRouteTableId")
        attachment = backend.transit_gateway_attachments.get(attachment_id)
        if attachment is None or attachment.state not in ALIVE:
            raise EC2ClientError("InvalidTransitGatewayAttachmentID.NotFound", f"Transit Gateway Attachment {attachment_id} not found.")
        table = backend.transit_gateways_route_tables.get(table_id)
        if table is None or table.transit_gateway_id != attachment.transit_gateway_id:
            raise EC2ClientError("InvalidRouteTableID.NotFound", f"Transit Gateway Route Table {table_id} was deleted or does not exist.")
        return attachment, table

    def associate_transit_gateway_route_table(self):
        attachment, table = self._route_table_of_attachment()
        if any(attachment.id in t.route_table_associations for t in self.ec2_backend.transit_gateways_route_tables.values()):
            raise EC2ClientError("Resource.AlreadyAssociated", f"Transit Gateway Attachment {attachment.id} is already associated to a route table.")
        result = super().associate_transit_gateway_route_table()
        attachment.transit_gateway_route_table = table
        return result

    def disassociate_transit_gateway_route_table(self):
        attachment, table = self._route_table_of_attachment()
        if attachment.id not in table.route_table_associations:
            raise EC2ClientError("InvalidAssociation.NotFound", f"Transit Gateway Attachment {attachment.id} is not associated with {table.id}.")
        result = super().disassociate_transit_gateway_route_table()
        attachment.transit_gateway_route_table = None
        return result

    def enable_transit_gateway_route_table_propagation(self):
        self._route_table_of_attachment()
        return super().enable_transit_gateway_route_table_propagation()

    def disable_transit_gateway_route_table_propagation(self):
        """Per route table: moto keeps one propagation per attachment, so disabling one of several lost the others."""
        from moto.core.responses import ActionResult
        from moto.ec2.models.transit_gateway_route_tables import TransitGatewayRelations

        attachment, table = self._route_table_of_attachment()
        if not any(p.transitGatewayAttachmentId == attachment.id for p in table.route_table_propagation):
            raise EC2ClientError("InvalidRouteTableID.NotFound", f"Transit Gateway Attachment {attachment.id} does not propagate to {table.id}.")
        self.ec2_backend.disable_route_table_propagation(attachment.id, table.id)
        self.ec2_backend.transit_gateway_propagations.pop(attachment.id, None)
        return ActionResult({"Propagation": TransitGatewayRelations(self.ec2_backend, attachment.id, table.id, state="disabled")})

    def delete_transit_gateway_vpc_attachment(self):
        attachment_id = self._get_param("TransitGatewayAttachmentId")
        attachment = self.ec2_backend.transit_gateway_attachments.get(attachment_id)
        result = super().delete_transit_gateway_vpc_attachment()
        if attachment is not None:
            _deleted(self.ec2_backend)[attachment_id] = attachment  # moto set its state to "deleted"
            for table in self.ec2_backend.transit_gateways_route_tables.values():  # a deleted attachment is in no route table
                table.route_table_associations.pop(attachment_id, None)
                table.route_table_propagation = [p for p in table.route_table_propagation if p.transitGatewayAttachmentId != attachment_id]
            self.ec2_backend.transit_gateway_associations.pop(attachment_id, None)
            self.ec2_backend.transit_gateway_propagations.pop(attachment_id, None)
        return result

    def describe_transit_gateway_vpc_attachments(self):
        """By ID, deleted attachments too (in state ``deleted``), for the requests of this call only."""
        ids = self._get_param("TransitGatewayAttachmentIds", [])
        shown = {i: a for i, a in _deleted(self.ec2_backend).items() if i in ids}
        live = self.ec2_backend.transit_gateway_attachments
        live.update(shown)
        try:
            return super().describe_transit_gateway_vpc_attachments()
        finally:
            for i in shown:
                live.pop(i, None)

    def create_route(self):
        self._attached_transit_gateway()
        return super().create_route()

    def replace_route(self):
        self._attached_transit_gateway()
        return super().replace_route()

    def _attached_transit_gateway(self) -> None:
        tgw = self._get_param("TransitGatewayId")
        if not tgw:
            return
        table = self.ec2_backend.route_tables.get(self._get_param("RouteTableId"))
        if table is None:
            return  # moto answers InvalidRouteTableID.NotFound
        attached = [
            a
            for a in self.ec2_backend.transit_gateway_attachments.values()
            if getattr(a, "vpc_id", None) == table.vpc_id and a.transit_gateway_id == tgw and a.state in ALIVE
        ]
        if not attached:
            raise EC2ClientError("InvalidTransitGatewayID.NotFound", f"The transitGateway ID '{tgw}' does not exist.")


def _deleted(backend) -> dict:
    """Deleted attachments by ID, kept beside moto's live ones (requests are served one at a time: tests/emulator/__main__.py)."""
    return backend.__dict__.setdefault("deleted_transit_gateway_attachments", {})
