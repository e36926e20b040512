// Imported first by the local runtime: the AWS SDK warns at load that Node 20 will be
// unsupported in 2027; locally that is known (README) and only noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
